/**
 * The one place where the sample imports the library. It uses this repository's source so that
 * `npm start` works from a fresh clone without a build of the package; in your app write
 *
 *   import { PaynetModule, PaynetService, ... } from 'nestjs-paynet-tr';
 */
export * from '../../lib/index.js';
