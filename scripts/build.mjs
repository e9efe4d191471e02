#!/usr/bin/env node
// `npm run build`: two builds from lib/.
//   1. tsc compiles lib/ file by file (decorators and their design:* metadata, which Nest's DI
//      reads, come out exactly as the compiler emits them): tsconfig.build.json writes
//      dist/esm/**/*.js + .d.ts (NodeNext); tsconfig.build.cjs.json writes only the CommonJS
//      declarations to dist/cjs/**/*.d.ts.
//   2. esbuild groups that compiled JavaScript (it does not compile TypeScript here: the
//      `__decorate` / `__metadata` calls are already in it) into one file per entry point plus
//      shared chunks, with code splitting, so every class exists once however many entry points
//      an app imports. The per-file .js of step 1 are replaced by these; the .d.ts stay.
//   3. Each ES module file of step 2 is converted to CommonJS, file for file, into dist/cjs (the
//      same chunks, so the CommonJS entry points share classes the same way), plus
//      {"type":"commonjs"} so Node and TypeScript read its .js / .d.ts files as CommonJS inside
//      this "type": "module" package.
// The source maps of steps 2 and 3 are chained with tsc's, so they point at lib/**/*.ts (which
// ships). Why: a cold import of ~150 small files cost 2-4x the budget of issue 16 in module
// resolution and loading alone (see README, Development).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { ENTRY_POINTS } from './entry-points.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
let esbuild;
try {
  esbuild = require('esbuild');
} catch {
  throw new Error('build: esbuild is missing (a devDependency): run npm install');
}

/** The files each build starts from: the entry points, and the `paynet-fake` executable. */
const ENTRIES = ['index', ...ENTRY_POINTS.map((name) => `${name}/index`), 'testing/bin'];

for (const name of ENTRY_POINTS) {
  if (!existsSync(`${root}lib/${name}/index.ts`))
    throw new Error(`entry point ${name}: lib/${name}/index.ts missing`);
}

function compile(project) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`tsc -p ${project} failed (${code})`)),
    );
  });
}

/** Every file under `dir` (absolute paths). */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}

function writeOutputs(outputFiles) {
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
}

const check = spawn(process.execPath, [`${root}scripts/entry-points.mjs`, '--check'], { stdio: 'inherit' });
await new Promise((resolve, reject) =>
  check.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('entry points out of step')))),
);
rmSync(`${root}dist`, { recursive: true, force: true });
await Promise.all([compile('tsconfig.build.json'), compile('tsconfig.build.cjs.json')]);

const esm = `${root}dist/esm`;
const cjs = `${root}dist/cjs`;
const common = {
  absWorkingDir: root,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  charset: 'utf8',
  // Grouping renames clashing top-level names (two files' `PaynetModule` binding becomes
  // `PaynetModule2`); keepNames keeps every class's and function's `.name` as written, which Nest
  // (module and provider names in logs), swagger (schema names) and the errors rely on.
  keepNames: true,
  write: false,
  logLevel: 'warning',
};

// Step 2: group the ES modules. Dependencies (everything from node_modules, node:*) stay imports.
// Each output file loads reflect-metadata before anything else: a chunk's body runs the compiled
// decorators, whose `__metadata` silently records nothing while Reflect.metadata is missing, and
// a chunk's hoisted imports no longer follow lib/index.ts's order (reflect-metadata first).
const grouped = await esbuild.build({
  ...common,
  banner: { js: 'import "reflect-metadata";' },
  entryPoints: ENTRIES.map((e) => `${esm}/${e}.js`),
  outbase: esm,
  outdir: esm,
  bundle: true,
  splitting: true,
  format: 'esm',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
});
const compiled = walk(esm).filter((f) => f.endsWith('.js') || f.endsWith('.js.map'));
// A file no entry point reaches must be one that only declared types (tsc leaves `export {};`).
const typesOnly = (f) =>
  readFileSync(f, 'utf8')
    .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    .trim() === 'export {};';
const unbundled = compiled.filter(
  (f) => f.endsWith('.js') && !grouped.metafile.inputs[relative(root, f)] && !typesOnly(f),
);
if (unbundled.length)
  throw new Error(
    `build: compiled but reached from no entry point: ${unbundled.map((f) => relative(root, f))}`,
  );
for (const f of compiled) rmSync(f);
writeOutputs(grouped.outputFiles);

// Step 3: the same files as CommonJS (relative imports of chunks become require()s of them).
const converted = await esbuild.build({
  ...common,
  entryPoints: grouped.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => f.path),
  outbase: esm,
  outdir: cjs,
  bundle: false,
  format: 'cjs',
});
writeOutputs(converted.outputFiles);
writeFileSync(`${cjs}/package.json`, `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
for (const dir of [esm, cjs]) chmodSync(`${dir}/testing/bin.js`, 0o755);
const count = (dir) => walk(dir).filter((f) => f.endsWith('.js')).length;
console.log(
  `build: dist/esm (ESM, ${count(esm)} files) and dist/cjs (CommonJS, ${count(cjs)} files) written`,
);
