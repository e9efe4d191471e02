#!/usr/bin/env node
// `prepare` (runs after `npm install` / `npm ci` in this repository): links the package's own
// `paynet-fake` bin into node_modules/.bin, so `npx paynet-fake` works inside the repository as it
// does in an app that installed the package. The link points at scripts/paynet-fake.mjs, which
// runs the built CLI (dist/esm/testing/bin.js; `npm run build` first).
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const binDir = `${root}node_modules/.bin`;
if (existsSync(`${root}node_modules`)) {
  mkdirSync(binDir, { recursive: true });
  rmSync(`${binDir}/paynet-fake`, { force: true });
  symlinkSync('../../scripts/paynet-fake.mjs', `${binDir}/paynet-fake`);
  chmodSync(`${root}scripts/paynet-fake.mjs`, 0o755);
}
