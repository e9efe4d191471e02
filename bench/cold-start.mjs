#!/usr/bin/env node
// Cold start: what importing `nestjs-paynet-tr` costs on top of its dependencies, per build.
// Each sample is a fresh node process that first loads the dependencies (Nest, @nestjs/axios,
// axios, class-validator, class-transformer, rxjs, reflect-metadata), then the package's main
// entry, and reports both times and how many of the package's files were loaded. Median of N
// (default 11; `node bench/cold-start.mjs 21`). Needs `npm run build`. Prints a Markdown table.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 11);
const deps = [
  'reflect-metadata',
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/axios',
  'axios',
  'rxjs',
  'class-validator',
  'class-transformer',
];

const probe = {
  esm: `
const t0 = performance.now();
${deps.map((d) => `await import(${JSON.stringify(d)});`).join('\n')}
const t1 = performance.now();
await import(${JSON.stringify(`${root}dist/esm/index.js`)});
const t2 = performance.now();
console.log(JSON.stringify({ deps: t1 - t0, own: t2 - t1 }));`,
  cjs: `
const t0 = performance.now();
${deps.map((d) => `require(${JSON.stringify(d)});`).join('\n')}
const t1 = performance.now();
require(${JSON.stringify(`${root}dist/cjs/index.js`)});
const t2 = performance.now();
const files = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(`${root}dist/cjs/`)})).length;
console.log(JSON.stringify({ deps: t1 - t0, own: t2 - t1, files }));`,
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const rows = [];
for (const build of ['esm', 'cjs']) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const args = build === 'esm' ? ['--input-type=module', '-e', probe.esm] : ['-e', probe.cjs];
    samples.push(JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' })));
  }
  rows.push({
    build,
    deps: median(samples.map((s) => s.deps)),
    own: median(samples.map((s) => s.own)),
    files: samples[0].files,
  });
}

console.log(`Node ${process.version}, ${runs} fresh processes per build, median:\n`);
console.log('| build | dependencies (ms) | nestjs-paynet-tr on top (ms) | package files loaded |');
console.log('|---|---:|---:|---:|');
for (const r of rows)
  console.log(`| ${r.build} | ${r.deps.toFixed(1)} | ${r.own.toFixed(1)} | ${r.files ?? 'same graph'} |`);
