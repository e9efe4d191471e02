#!/usr/bin/env node
// Packaging test: `npm pack`, then install the tarball into two fresh scratch apps and boot each
// against the fake Paynet: an ESM app on NestJS 12 and a CommonJS app on NestJS 11.
// Run with `npm run test:packaging` (needs the npm registry). Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'paynet-pack-'));
let passed = 0;
let failed = 0;

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
}

function check(name, fn) {
  try {
    fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}\n${String(err.stdout ?? '')}${String(err.stderr ?? '')}${err.message}`);
  }
}

let tarball;
check('npm pack produces a tarball with dist/ only, types included', () => {
  const out = run('npm', ['pack', '--json', '--pack-destination', work], root);
  const info = JSON.parse(out)[0];
  tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path);
  const outside = files.filter(
    (f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].includes(f),
  );
  if (outside.length) throw new Error(`unexpected files in the tarball: ${outside.join(', ')}`);
  for (const needed of [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/testing/index.js',
    'dist/testing/index.d.ts',
  ]) {
    if (!files.includes(needed)) throw new Error(`missing ${needed}`);
  }
  if (files.some((f) => /\.spec\.|e2e-spec|\/test\//.test(f))) throw new Error('tests were packed');
});

const peerDeps = (nest, axiosMajor) => ({
  '@nestjs/common': `^${nest}.0.0`,
  '@nestjs/core': `^${nest}.0.0`,
  '@nestjs/axios': axiosMajor,
  axios: pkg.devDependencies.axios,
  rxjs: pkg.devDependencies.rxjs,
  'reflect-metadata': pkg.devDependencies['reflect-metadata'],
  'class-validator': pkg.devDependencies['class-validator'],
  'class-transformer': pkg.devDependencies['class-transformer'],
});

const appSource = (style) => {
  const imports =
    style === 'esm'
      ? `import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PaynetModule, PaynetService } from 'nestjs-paynet-tr';
import { PaynetFakeServer } from 'nestjs-paynet-tr/testing';`
      : `require('reflect-metadata');
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { PaynetModule, PaynetService } = require('nestjs-paynet-tr');
const { PaynetFakeServer } = require('nestjs-paynet-tr/testing');`;
  return `${imports}
async function main() {
  const fake = new PaynetFakeServer();
  await fake.start();
  class AppModule {}
  Module({ imports: [PaynetModule.forRoot({ secretKey: fake.secretKey, baseUrl: fake.url, logger: false })] })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  const paynet = app.get(PaynetService);
  const payment = await paynet.payments.create({
    amount: 20.5,
    reference_no: 'PACK-' + Date.now(),
    domain: 'shop.example',
    card_holder: 'Test User',
    pan: '4355084355084358',
    month: 12,
    year: 2030,
    cvc: '000',
  });
  await app.close();
  await fake.stop();
  if (payment.is_succeed !== true) throw new Error('payment did not succeed');
  console.log('PAYMENT_OK ' + payment.xact_id);
}
main().catch((err) => { console.error(err); process.exit(1); });
`;
};

const apps = [
  {
    name: 'ESM app on NestJS 12',
    dir: 'esm-nest12',
    type: 'module',
    file: 'main.mjs',
    nest: 12,
    axios: '^12.0.0',
    style: 'esm',
  },
  {
    name: 'CommonJS app on NestJS 11',
    dir: 'cjs-nest11',
    type: 'commonjs',
    file: 'main.cjs',
    nest: 11,
    axios: '^4.0.0',
    style: 'cjs',
  },
];

for (const app of apps) {
  check(`${app.name}: installs the tarball and calls a service against the fake Paynet`, () => {
    if (!tarball) throw new Error('no tarball');
    const dir = join(work, app.dir);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(
        {
          name: app.dir,
          private: true,
          type: app.type,
          dependencies: { ...peerDeps(app.nest, app.axios), 'nestjs-paynet-tr': `file:${tarball}` },
        },
        null,
        2,
      ),
    );
    run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], dir);
    const nestVersion = JSON.parse(
      readFileSync(join(dir, 'node_modules/@nestjs/common/package.json'), 'utf8'),
    ).version;
    if (!nestVersion.startsWith(`${app.nest}.`))
      throw new Error(`expected NestJS ${app.nest}, got ${nestVersion}`);
    writeFileSync(join(dir, app.file), appSource(app.style));
    const out = run(process.execPath, [app.file], dir);
    if (!/PAYMENT_OK xk_/.test(out)) throw new Error(`unexpected output: ${out}`);
  });
}

rmSync(work, { recursive: true, force: true });
console.log(`\npackaging: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
