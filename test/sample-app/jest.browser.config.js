// `npm run test:browser`: only the sample app's browser test, on the root config's ESM setup.
import base from '../../jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/test/sample-app/browser.e2e-spec.ts'],
  testTimeout: 60000,
};
