#!/usr/bin/env node
// The `paynet-fake` executable: runs the CLI of cli.ts. Kept apart from cli.ts so that module
// has no "am I the main script" check (import.meta in ESM, require.main in CommonJS) and builds
// the same way in both outputs.
import { main } from './cli.js';

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
