#!/usr/bin/env node
// Packaging test, the consumer matrix: `npm pack`, then install the tarball (dependencies from the
// npm registry, the package from the tarball) into fresh apps and use it the way people do:
//
//   1. Nest 11, CommonJS, "module": "commonjs" + "moduleResolution": "node", Jest with the stock
//      ts-jest preset and default transformIgnorePatterns: forRootAsync + ConfigService, a service
//      calling refunds.create, a unit test with @nestjs/testing + nestjs-paynet-tr/testing;
//      `tsc --noEmit` over src and test.
//   2. The same app with "moduleResolution": "node16", compiled and run with node against the fake.
//   3. Nest 12, ESM, "nodenext", Jest ESM: the same test passes (and `tsc --noEmit`).
//   4. "moduleResolution": "bundler": a file importing all four entry points type-checks.
//   5. The README's AppModule override recipe, in app 1, with no Paynet env var set.
//
// Apps 1, 2, 4 and 5 share one install (Nest 11), app 3 has its own (Nest 12); both use the same
// npm cache (the user's, or $PAYNET_PACK_CACHE). Run with `npm run test:packaging` (builds first).
// Prints "ok - ..." / "not ok - ..." and "packaging: N passed, N failed".
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ENTRY_POINTS } from '../../scripts/entry-points.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const templates = join(root, 'test/packaging/apps/templates');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'paynet-pack-'));
const keep = process.argv.includes('--keep');
let passed = 0;
let failed = 0;

// No Paynet variable of the caller's shell leaks into an app (case 5 needs them absent).
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^PAYNET_|^NODE_OPTIONS$/.test(k)),
);
baseEnv.npm_config_loglevel = 'error';
baseEnv.npm_config_fund = 'false';
baseEnv.npm_config_audit = 'false';
baseEnv.npm_config_update_notifier = 'false';
if (process.env.PAYNET_PACK_CACHE) baseEnv.npm_config_cache = process.env.PAYNET_PACK_CACHE;

function run(cmd, args, cwd, env = {}) {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...baseEnv, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

function check(name, fn) {
  const started = Date.now();
  try {
    fn();
    passed++;
    console.log(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}\n${String(err.stdout ?? '')}${String(err.stderr ?? '')}${err.message}`);
  }
}

function write(dir, file, text) {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), typeof text === 'string' ? text : `${JSON.stringify(text, null, 2)}\n`);
}

/** A template of test/packaging/apps/templates with its relative imports spelled for `ext` ('' or '.js'). */
function template(name, ext) {
  return readFileSync(join(templates, `${name}.tpl`), 'utf8').replaceAll('__EXT__', ext);
}

const installed = (dir, name) =>
  JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;

let tarball;
check('npm pack: both builds, their types, the sources of the maps, no tests', () => {
  const info = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root))[0];
  tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path);
  const allowed = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
  const outside = files.filter((f) => !/^(dist|lib|docs)\//.test(f) && !allowed.includes(f));
  if (outside.length) throw new Error(`unexpected files in the tarball: ${outside.join(', ')}`);
  const needed = ['dist/cjs/package.json', 'dist/esm/testing/bin.js'];
  for (const sub of ['', ...ENTRY_POINTS.map((e) => `${e}/`)])
    for (const build of ['esm', 'cjs'])
      needed.push(`dist/${build}/${sub}index.js`, `dist/${build}/${sub}index.d.ts`);
  for (const f of needed) if (!files.includes(f)) throw new Error(`missing ${f}`);
  if (files.some((f) => /\.spec\.|e2e-spec|(^|\/)test\//.test(f))) throw new Error('tests were packed');
  // What ships refers only to what ships: every source map's sources are in the tarball.
  const unpacked = join(work, 'unpacked');
  mkdirSync(unpacked);
  run('tar', ['-xzf', tarball, '-C', unpacked], work);
  // What ships refers only to what ships: no mention of the maintainers' reference files.
  for (const f of files.filter((f) => /\.(js|ts)$/.test(f))) {
    const text = readFileSync(join(unpacked, 'package', f), 'utf8');
    const hit = /NOTES\.md|API-MAP|endpoints\.json|codes\.json/.exec(text);
    if (hit) throw new Error(`${f} mentions ${hit[0]}, which does not ship`);
  }
  for (const map of files.filter((f) => f.endsWith('.map'))) {
    const dir = dirname(map);
    const body = readFileSync(join(unpacked, 'package', map), 'utf8');
    for (const src of JSON.parse(body).sources) {
      const target = join(dir, src).replace(/\\/g, '/');
      if (!files.includes(target)) throw new Error(`${map} points at ${target}, which is not packed`);
    }
  }
});

check(
  'grouped build: one home per lib file, a lean main entry, same exports and names in both builds, true source maps',
  () => {
    const out = run(process.execPath, [join(root, 'test/packaging/build-output.mjs')], root);
    if (!out.includes('build-output: ok')) throw new Error(out);
  },
);

check('dual-package hazard: errors and DI work across the ESM and the CommonJS copy in one process', () => {
  const out = run(process.execPath, [join(root, 'test/packaging/dual-hazard.mjs')], root);
  if (!out.includes('dual-hazard: ok')) throw new Error(out);
});

const common = () => ({
  axios: pkg.devDependencies.axios,
  rxjs: pkg.devDependencies.rxjs,
  'reflect-metadata': pkg.devDependencies['reflect-metadata'],
  'class-validator': pkg.devDependencies['class-validator'],
  'class-transformer': pkg.devDependencies['class-transformer'],
  'nestjs-paynet-tr': `file:${tarball}`,
});

// ---- App 1 (and 2, 4, 5): Nest 11, CommonJS, as `nest new` scaffolded it before Nest 11.1.
const cjs = join(work, 'nest11-cjs');
const nest11Tsconfig = {
  compilerOptions: {
    module: 'commonjs',
    moduleResolution: 'node',
    declaration: true,
    removeComments: true,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    allowSyntheticDefaultImports: true,
    target: 'ES2023',
    sourceMap: true,
    outDir: './dist',
    baseUrl: './',
    incremental: true,
    skipLibCheck: true,
    strictNullChecks: true,
    forceConsistentCasingInFileNames: true,
    noImplicitAny: false,
    strictBindCallApply: false,
    noFallthroughCasesInSwitch: false,
    types: ['jest', 'node'],
  },
  include: ['src/**/*.ts', 'test/**/*.ts'],
};
let cjsReady = false;
check(
  'app 1: Nest 11 CommonJS app ("moduleResolution": "node") installs, tsc --noEmit passes, Jest unit test passes',
  () => {
    if (!tarball) throw new Error('no tarball');
    write(cjs, 'package.json', {
      name: 'nest11-cjs',
      private: true,
      scripts: { test: 'jest' },
      dependencies: {
        '@nestjs/common': '^11.0.0',
        '@nestjs/core': '^11.0.0',
        '@nestjs/axios': '^4.0.0',
        '@nestjs/config': '^4.0.0',
        '@nestjs/terminus': '^11.0.0',
        '@nestjs/swagger': '^11.0.0',
        ...common(),
      },
      devDependencies: {
        '@nestjs/testing': '^11.0.0',
        '@types/jest': '^29.5.14',
        '@types/node': '^22.10.7',
        jest: '^29.7.0',
        'ts-jest': '^29.2.5',
        typescript: pkg.devDependencies.typescript,
      },
      // The Nest CLI's Jest block, unchanged (ts-jest CommonJS, default transformIgnorePatterns).
      jest: {
        moduleFileExtensions: ['js', 'json', 'ts'],
        rootDir: 'src',
        testRegex: '.*\\.spec\\.ts$',
        transform: { '^.+\\.(t|j)s$': 'ts-jest' },
        testEnvironment: 'node',
      },
    });
    write(cjs, 'tsconfig.json', nest11Tsconfig);
    for (const f of ['app.module.ts', 'refunds.service.ts', 'main.ts', 'refunds.service.spec.ts'])
      write(cjs, `src/${f}`, template(f, ''));
    run('npm', ['install', '--prefer-offline'], cjs);
    const nest = installed(cjs, '@nestjs/common');
    if (!nest.startsWith('11.')) throw new Error(`expected NestJS 11, got ${nest}`);
    const axiosMajor = installed(cjs, '@nestjs/axios');
    if (!axiosMajor.startsWith('4.')) throw new Error(`expected @nestjs/axios 4, got ${axiosMajor}`);
    cjsReady = true;
    run(join(cjs, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.json'], cjs);
    const out = run(join(cjs, 'node_modules/.bin/jest'), ['--ci', 'refunds.service'], cjs);
    if (/failed/i.test(out)) throw new Error(out);
  },
);

check('app 1: the paynet-fake bin runs from the installed package', () => {
  if (!cjsReady) throw new Error('app 1 not installed');
  const out = run(join(cjs, 'node_modules/.bin/paynet-fake'), ['--help'], cjs);
  if (!out.includes('Usage: paynet-fake')) throw new Error(out);
});

check(
  'app 2: the same app with "moduleResolution": "node16" compiles and runs with node against the fake',
  () => {
    if (!cjsReady) throw new Error('app 1 not installed');
    write(cjs, 'tsconfig.node16.json', {
      extends: './tsconfig.json',
      compilerOptions: {
        module: 'node16',
        moduleResolution: 'node16',
        outDir: './dist-node16',
        incremental: false,
      },
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.spec.ts'],
    });
    run(join(cjs, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.node16.json'], cjs);
    const out = run(process.execPath, ['dist-node16/main.js'], cjs);
    if (!/PAYMENT_OK xk_\S+ refund requested/.test(out)) throw new Error(`unexpected output: ${out}`);
  },
);

check('app 4: "moduleResolution": "bundler": a file importing all four entry points type-checks', () => {
  if (!cjsReady) throw new Error('app 1 not installed');
  write(cjs, 'bundler/all-entry-points.ts', template('all-entry-points.ts', ''));
  write(cjs, 'tsconfig.bundler.json', {
    extends: './tsconfig.json',
    compilerOptions: {
      module: 'esnext',
      moduleResolution: 'bundler',
      noEmit: true,
      incremental: false,
      strict: true,
    },
    include: ['bundler/**/*.ts'],
  });
  run(join(cjs, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.bundler.json'], cjs);
});

check(
  'app 5: the README override recipe (AppModule with forRootAsync + ConfigService) passes with no Paynet env var',
  () => {
    if (!cjsReady) throw new Error('app 1 not installed');
    write(cjs, 'src/app.module.spec.ts', template('app.module.spec.ts', ''));
    run(join(cjs, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.json'], cjs);
    run(join(cjs, 'node_modules/.bin/jest'), ['--ci', 'app.module'], cjs);
  },
);

// ---- App 3: Nest 12, ESM, nodenext, Jest ESM.
check(
  'app 3: Nest 12 ESM app ("nodenext") installs, tsc --noEmit passes, Jest ESM unit test passes, boots with node',
  () => {
    if (!tarball) throw new Error('no tarball');
    const esm = join(work, 'nest12-esm');
    write(esm, 'package.json', {
      name: 'nest12-esm',
      private: true,
      type: 'module',
      dependencies: {
        '@nestjs/common': '^12.0.0',
        '@nestjs/core': '^12.0.0',
        '@nestjs/axios': '^12.0.0',
        '@nestjs/config': pkg.devDependencies['@nestjs/config'],
        ...common(),
      },
      devDependencies: {
        '@nestjs/testing': '^12.0.0',
        '@jest/globals': pkg.devDependencies['@jest/globals'],
        '@types/jest': '^30.0.0',
        '@types/node': pkg.devDependencies['@types/node'],
        jest: pkg.devDependencies.jest,
        'ts-jest': pkg.devDependencies['ts-jest'],
        typescript: pkg.devDependencies.typescript,
      },
    });
    write(
      esm,
      'jest.config.js',
      `export default {
  testEnvironment: 'node',
  rootDir: 'src',
  testRegex: '.*\\\\.spec\\\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\\\.ts$': ['ts-jest', { useESM: true }] },
  moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' },
};
`,
    );
    write(esm, 'tsconfig.json', {
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'ES2023',
        strict: true,
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
        isolatedModules: true,
        skipLibCheck: true,
        outDir: './dist',
        types: ['jest', 'node'],
      },
      include: ['src/**/*.ts'],
    });
    for (const f of [
      'app.module.ts',
      'refunds.service.ts',
      'main.ts',
      'refunds.service.spec.ts',
      'app.module.spec.ts',
    ])
      write(esm, `src/${f}`, template(f, '.js'));
    run('npm', ['install', '--prefer-offline'], esm);
    const nest = installed(esm, '@nestjs/common');
    if (!nest.startsWith('12.')) throw new Error(`expected NestJS 12, got ${nest}`);
    run(join(esm, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json', '--noEmit'], esm);
    run(join(esm, 'node_modules/.bin/jest'), ['--ci'], esm, {
      NODE_OPTIONS: '--experimental-vm-modules --no-warnings',
    });
    run(join(esm, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], esm);
    const out = run(process.execPath, ['dist/main.js'], esm);
    if (!/PAYMENT_OK xk_\S+ refund requested/.test(out)) throw new Error(`unexpected output: ${out}`);
  },
);

if (keep) console.log(`apps kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log(`\npackaging: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
