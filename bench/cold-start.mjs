#!/usr/bin/env node
// Cold start: what importing `nestjs-paynet-tr` costs on top of its dependencies, per build.
// Each sample is a fresh node process that first loads the dependencies (Nest, @nestjs/axios,
// axios, class-validator, class-transformer, rxjs, reflect-metadata), then the package's main
// entry, and reports both times. Median of N (default 11; `node bench/cold-start.mjs 21`), plus
// the package's own time as a share of the dependencies' (measured in the same process, so it
// holds on a loaded machine where the absolute figures do not) and how many of the package's
// files the main entry loads (ESM: counted in one more process by a module load hook, which would
// distort the timing; CommonJS: require.cache). Needs `npm run build`; `--dist=DIR` measures
// another build directory laid out like dist/ (to compare two builds on the same machine).
// Prints a Markdown table; `--write` also replaces the table in BENCHMARKS.md's "Cold start"
// section (bench/run.mjs rewrites that file whole: run this after it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 11);
const distArg = process.argv.find((a) => a.startsWith('--dist='));
const dist = distArg ? `${resolve(distArg.slice('--dist='.length))}/` : `${root}dist/`;
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
await import(${JSON.stringify(`${dist}esm/index.js`)});
const t2 = performance.now();
console.log(JSON.stringify({ deps: t1 - t0, own: t2 - t1 }));`,
  cjs: `
const t0 = performance.now();
${deps.map((d) => `require(${JSON.stringify(d)});`).join('\n')}
const t1 = performance.now();
require(${JSON.stringify(`${dist}cjs/index.js`)});
const t2 = performance.now();
const files = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(`${dist}cjs/`)})).length;
console.log(JSON.stringify({ deps: t1 - t0, own: t2 - t1, files }));`,
};

// The ESM files the main entry loads: a load hook counts them (in the hooks thread) and answers
// a last import of `paynet-bench:count` with the total.
const esmPrefix = pathToFileURL(`${dist}esm/`).href;
const countHook = `
let n = 0;
export async function resolve(specifier, context, next) {
  return specifier === 'paynet-bench:count' ? { url: specifier, shortCircuit: true } : next(specifier, context);
}
export async function load(url, context, next) {
  if (url === 'paynet-bench:count') return { format: 'module', source: 'export default ' + n, shortCircuit: true };
  if (url.startsWith(${JSON.stringify(esmPrefix)})) n++;
  return next(url, context);
}`;
const countEsm = `
import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(countHook)}`)});
await import(${JSON.stringify(`${dist}esm/index.js`)});
console.log(JSON.stringify({ files: (await import('paynet-bench:count')).default }));`;

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
  const files =
    build === 'esm'
      ? JSON.parse(
          execFileSync(process.execPath, ['--input-type=module', '-e', countEsm], {
            cwd: root,
            encoding: 'utf8',
          }),
        ).files
      : samples[0].files;
  rows.push({
    build,
    deps: median(samples.map((s) => s.deps)),
    own: median(samples.map((s) => s.own)),
    share: median(samples.map((s) => s.own / s.deps)),
    files,
  });
}

const table = [
  '| build | dependencies (ms) | nestjs-paynet-tr on top (ms) | own / dependencies | package files loaded |',
  '|---|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.build} | ${r.deps.toFixed(1)} | ${r.own.toFixed(1)} | ${(r.share * 100).toFixed(0)} % | ${r.files} |`,
  ),
].join('\n');
const header = `Node ${process.version}, ${runs} fresh processes per build, median (the share is the median of each process's own / dependencies):`;
console.log(`${header}\n\n${table}`);

if (process.argv.includes('--write') && !distArg) {
  const file = new URL('../BENCHMARKS.md', import.meta.url);
  const text = readFileSync(file, 'utf8');
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const section = [
    '## Cold start (import cost)',
    '',
    "Generated by `npm run bench:cold-start -- --write` (`bench/cold-start.mjs`): do not edit by hand. Each sample is a fresh node process that loads the dependencies (reflect-metadata, @nestjs/common, @nestjs/core, @nestjs/axios, axios, rxjs, class-validator, class-transformer), then the package's main entry, and times both. The build groups the compiled files per entry point (README, Development), so the main entry loads a handful of files and none of the testing kit, health, swagger, Redis or PostgreSQL code.",
    '',
    `- Date: ${new Date().toISOString()}; ${cpus().length} cores; load average at the end ${load} (the absolute figures grow with the load; the share of the dependencies' own time is the steadier figure)`,
    `- ${header}`,
    '',
    table,
    '',
    `The dependencies take ${rows.map((r) => `${r.deps.toFixed(0)} ms (${r.build})`).join(' and ')} here; on a machine where they take 200 ms, the same shares would be ${rows.map((r) => `${(r.share * 200).toFixed(0)} ms (${r.build})`).join(' and ')} of the package's own (an extrapolation from the share, not a measurement there).`,
    '',
    '',
  ].join('\n');
  const at = text.indexOf('## Cold start');
  const ends = [text.indexOf('\n## ', at + 1), text.indexOf('\n<!-- bench:', at + 1)].filter((i) => i >= 0);
  const next = at < 0 || ends.length === 0 ? -1 : Math.min(...ends) + 1;
  const out =
    at < 0
      ? `${text.trimEnd()}\n\n${section}`
      : `${text.slice(0, at)}${section}${next < 0 ? '' : text.slice(next)}`;
  writeFileSync(file, out);
  console.log('wrote the Cold start section of BENCHMARKS.md');
}
