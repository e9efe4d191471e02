#!/usr/bin/env node
// What the grouped build (scripts/build.mjs) must keep true, checked on dist/ in both builds.
// Needs `npm run build` first. Exits non-zero on the first broken expectation.
//   1. Every lib/ file is in exactly one output file of a build (its source map says which), so a
//      class (an error, a DI token's owner) exists once however many entry points an app loads.
//   2. The main entry loads nothing of the testing kit, health, swagger, redis or postgres, and
//      none of their optional peers.
//   3. Each entry point exports the same names from both builds, and every exported class and
//      function keeps its `.name` (grouping renames clashing bindings: PaynetModule -> PaynetModule2).
//   4. Source maps are true: an error thrown inside the package points at the throwing line of
//      lib/**/*.ts, in both builds.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRY_POINTS } from '../../scripts/entry-points.mjs';

process.setSourceMapsEnabled(true);
const root = resolve(new URL('../..', import.meta.url).pathname);
const require = createRequire(import.meta.url);
const builds = ['esm', 'cjs'];
const OWN_ENTRY_DIRS = ENTRY_POINTS.map((name) => `lib/${name}/`);
const OPTIONAL_PEERS = ['@nestjs/swagger', '@nestjs/terminus', 'ioredis', 'pg'];

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
/** The lib/ files an output .js file was made from (its source map's sources, from the root). */
function sourcesOf(file) {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  return map.sources.map((s) => relative(root, resolve(dirname(file), map.sourceRoot ?? '', s)));
}

// 1. One home per lib file.
for (const build of builds) {
  const home = new Map();
  for (const file of walk(join(root, 'dist', build)).filter((f) => f.endsWith('.js'))) {
    for (const source of sourcesOf(file)) {
      assert.ok(source.startsWith('lib/') && source.endsWith('.ts'), `${file}: source ${source}`);
      assert.ok(!home.has(source), `${build}: ${source} is in ${home.get(source)} and in ${file}`);
      home.set(source, file);
    }
  }
  assert.ok(home.size > 100, `${build}: only ${home.size} lib files found in the maps`);
}

// 2. The main entry's graph. CommonJS: what require() loaded; ESM: the relative imports followed.
const before = new Set(Object.keys(require.cache));
require(join(root, 'dist/cjs/index.js'));
const cjsLoaded = Object.keys(require.cache).filter((f) => !before.has(f));
const esmLoaded = [];
const queue = [join(root, 'dist/esm/index.js')];
while (queue.length) {
  const file = queue.shift();
  if (esmLoaded.includes(file)) continue;
  esmLoaded.push(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g))
    queue.push(resolve(dirname(file), m[1]));
}
for (const [build, files] of [
  ['cjs', cjsLoaded.filter((f) => f.startsWith(join(root, 'dist/cjs/')))],
  ['esm', esmLoaded],
]) {
  const sources = files.flatMap(sourcesOf);
  const leaked = sources.filter((s) => OWN_ENTRY_DIRS.some((d) => s.startsWith(d)));
  assert.deepEqual(leaked, [], `${build}: the main entry loads ${leaked.join(', ')}`);
  assert.ok(sources.includes('lib/index.ts'), `${build}: lib/index.ts not in the main graph`);
}
const peers = cjsLoaded.filter((f) => OPTIONAL_PEERS.some((p) => f.includes(`/node_modules/${p}/`)));
assert.deepEqual(peers, [], 'the main entry loads an optional peer');

// 3. Same exports in both builds; names kept.
for (const sub of ['', ...ENTRY_POINTS.map((name) => `${name}/`)]) {
  const esm = await import(pathToFileURL(join(root, `dist/esm/${sub}index.js`)).href);
  const cjs = require(join(root, `dist/cjs/${sub}index.js`));
  const names = Object.keys(esm).sort();
  assert.deepEqual(
    Object.keys(cjs)
      .filter((k) => k !== '__esModule')
      .sort(),
    names,
    `./${sub}: the two builds export different names`,
  );
  for (const [label, mod] of [
    ['esm', esm],
    ['cjs', cjs],
  ]) {
    for (const name of names) {
      const value = mod[name];
      if (typeof value === 'function')
        assert.equal(value.name, name, `${label} ./${sub}${name}: .name is ${value.name}`);
    }
  }
}

// 4. Source maps point at the throwing line of lib/ (maps enabled before anything was loaded).
const esmMain = await import(pathToFileURL(join(root, 'dist/esm/index.js')).href);
const cjsMain = require(join(root, 'dist/cjs/index.js'));
for (const [label, mod] of [
  ['esm', esmMain],
  ['cjs', cjsMain],
]) {
  for (const [call, file] of [
    [() => new mod.PaynetClient({}, {}), 'lib/internal/config.ts'],
    [() => mod.parseAmount('not an amount'), 'lib/client/money.ts'],
  ]) {
    let stack = '';
    try {
      call();
    } catch (err) {
      stack = String(err.stack);
    }
    const at = new RegExp(`${join(root, file).replace(/[.]/g, '\\.')}:(\\d+):(\\d+)`).exec(stack);
    assert.ok(at, `${label}: the stack does not point at ${file}:\n${stack}`);
    const line = readFileSync(join(root, file), 'utf8').split('\n')[Number(at[1]) - 1];
    assert.match(line.slice(Number(at[2]) - 1), /^new |^throw /, `${label}: ${file}:${at[1]} is "${line}"`);
  }
}

console.log('build-output: ok (one home per lib file, a lean main entry, same exports and names, true maps)');
