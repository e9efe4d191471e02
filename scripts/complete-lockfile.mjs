#!/usr/bin/env node
// The npm registry mirror this project is built on serves only the Linux builds of
// unrs-resolver's native bindings (jest's resolver). `npm install` then leaves the other
// platforms' optional packages out of package-lock.json, and `npm ci` refuses the lock file as
// out of sync. This script adds those optional, platform-gated entries back (npm skips them on
// other platforms without downloading). Run it after `npm install` changes the lock file.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;

function platformOf(name) {
  const suffix = name.replace(/^@unrs\/resolver-binding-/, '');
  const [os, cpuRaw, abi] = suffix.split('-');
  const cpu =
    {
      arm: 'arm',
      arm64: 'arm64',
      x64: 'x64',
      ia32: 'ia32',
      loong64: 'loong64',
      ppc64: 'ppc64',
      riscv64: 'riscv64',
      s390x: 's390x',
    }[cpuRaw] ?? cpuRaw;
  const entry = { cpu: [cpu], os: [os === 'win32' ? 'win32' : os] };
  if (abi === 'gnu' || abi === 'gnueabihf') entry.libc = ['glibc'];
  if (abi === 'musl' || abi === 'musleabihf') entry.libc = ['musl'];
  return entry;
}

for (const [key, meta] of Object.entries(packages)) {
  if (!key.endsWith('node_modules/unrs-resolver') || !meta.optionalDependencies) continue;
  for (const [dep, version] of Object.entries(meta.optionalDependencies)) {
    const depKey = `node_modules/${dep}`;
    if (packages[depKey]) continue;
    const { cpu, os, libc } = platformOf(dep);
    packages[depKey] = {
      version,
      cpu,
      dev: meta.dev ?? false,
      ...(libc ? { libc } : {}),
      license: 'MIT',
      optional: true,
      os,
    };
    added++;
  }
}

if (process.argv.includes('--check')) {
  if (added > 0) {
    console.error(
      `package-lock.json lacks ${added} optional platform entries: run node scripts/complete-lockfile.mjs`,
    );
    process.exit(1);
  }
  console.log('complete-lockfile: package-lock.json is complete');
  process.exit(0);
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
