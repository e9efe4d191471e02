/**
 * The library's testing kit, used by `main.ts` to embed the fake Paynet when no Paynet key is set.
 * In your project: `import { PaynetFakeServer } from 'nestjs-paynet-tr/testing';` (tests and local
 * development only).
 */
export * from '../../lib/testing/index.js';
