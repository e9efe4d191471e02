#!/usr/bin/env node
// `npx paynet-fake` inside this repository (linked by scripts/link-bin.mjs): the built CLI.
import { existsSync } from 'node:fs';

const bin = new URL('../dist/esm/testing/bin.js', import.meta.url);
if (!existsSync(bin)) {
  console.error('paynet-fake: dist/ is not built yet: run `npm run build` first');
  process.exit(1);
}
await import(bin.href);
