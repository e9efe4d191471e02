#!/usr/bin/env node
// `npm run build`: two builds from lib/ with plain tsc (decorators and their design:* metadata,
// which Nest's DI reads, come out exactly as the compiler emits them):
//   dist/esm  ES modules (tsconfig.build.json, NodeNext)
//   dist/cjs  CommonJS   (tsconfig.build.cjs.json), plus {"type":"commonjs"} so Node and
//             TypeScript read its .js / .d.ts files as CommonJS inside this "type": "module" package.
// Both compilers run in parallel; the entry points are checked against package.json first.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ENTRY_POINTS } from './entry-points.mjs';

const root = new URL('..', import.meta.url).pathname;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

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

const check = spawn(process.execPath, [`${root}scripts/entry-points.mjs`, '--check'], { stdio: 'inherit' });
await new Promise((resolve, reject) =>
  check.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('entry points out of step')))),
);
rmSync(`${root}dist`, { recursive: true, force: true });
await Promise.all([compile('tsconfig.build.json'), compile('tsconfig.build.cjs.json')]);
writeFileSync(`${root}dist/cjs/package.json`, `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
for (const dir of ['esm', 'cjs']) chmodSync(`${root}dist/${dir}/testing/bin.js`, 0o755);
console.log('build: dist/esm (ESM) and dist/cjs (CommonJS) written');
