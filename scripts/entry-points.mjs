#!/usr/bin/env node
// The package's entry points, in one list. `exports` and `typesVersions` in package.json are
// generated from it:
//
//   node scripts/entry-points.mjs --write   rewrite package.json's exports / typesVersions
//   node scripts/entry-points.mjs --check   fail when package.json is out of step (CI, tests)
//
// Adding an entry point `nestjs-paynet-tr/<name>` = create lib/<name>/index.ts, add '<name>' to
// ENTRY_POINTS below, run `node scripts/entry-points.mjs --write`. The build (scripts/build.mjs)
// and the packaging test (test/packaging/run.mjs) read the same list.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Subpath entry points besides the root ('.'): `nestjs-paynet-tr/<name>` is lib/<name>/index.ts. */
export const ENTRY_POINTS = ['testing', 'health', 'swagger', 'redis', 'postgres'];

const PACKAGE_JSON = new URL('../package.json', import.meta.url);

/** `exports` and `typesVersions` for the given entry points. */
export function manifestFields(entryPoints = ENTRY_POINTS) {
  const condition = (sub) => ({
    import: { types: `./dist/esm/${sub}index.d.ts`, default: `./dist/esm/${sub}index.js` },
    require: { types: `./dist/cjs/${sub}index.d.ts`, default: `./dist/cjs/${sub}index.js` },
  });
  const exports = { '.': condition('') };
  for (const name of entryPoints) exports[`./${name}`] = condition(`${name}/`);
  exports['./package.json'] = './package.json';
  // For TypeScript's classic `node` resolution, which ignores `exports`.
  const typesVersions = {
    '*': Object.fromEntries(entryPoints.map((name) => [name, [`./dist/cjs/${name}/index.d.ts`]])),
  };
  return {
    main: './dist/cjs/index.js',
    module: './dist/esm/index.js',
    types: './dist/cjs/index.d.ts',
    exports,
    typesVersions,
  };
}

function isMain() {
  return process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
}

if (isMain()) {
  const pkg = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
  const wanted = manifestFields();
  const stale = Object.keys(wanted).filter((k) => JSON.stringify(pkg[k]) !== JSON.stringify(wanted[k]));
  if (process.argv.includes('--write')) {
    // Keep the key order of package.json; new keys go after "engines".
    const out = {};
    for (const [k, v] of Object.entries(pkg)) {
      out[k] = k in wanted ? wanted[k] : v;
      if (k === 'engines') for (const w of Object.keys(wanted)) if (!(w in pkg)) out[w] = wanted[w];
    }
    for (const w of Object.keys(wanted)) if (!(w in out)) out[w] = wanted[w];
    writeFileSync(PACKAGE_JSON, `${JSON.stringify(out, null, 2)}\n`);
    console.log(`entry-points: package.json written (${stale.length ? stale.join(', ') : 'no change'})`);
  } else if (stale.length) {
    console.error(
      `entry-points: package.json ${stale.join(', ')} out of step: run node scripts/entry-points.mjs --write`,
    );
    process.exit(1);
  } else {
    console.log('entry-points: package.json exports / typesVersions match scripts/entry-points.mjs');
  }
}
