import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { PACKAGE_VERSION } from '../../lib/paynet.constants.js';

const root = resolve(process.cwd());
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  files?: string[];
  exports?: Record<string, unknown>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

describe('package manifest', () => {
  it('declares every package imported from lib/ as a dependency or peer dependency', () => {
    const declared = new Set([
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}),
    ]);
    const builtins = new Set(builtinModules);
    const missing = new Map<string, string>();
    const importPattern =
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
    for (const file of sourceFiles(join(root, 'lib'))) {
      // comments (TSDoc examples) do not import anything
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      for (const m of text.matchAll(importPattern)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (!spec || spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
        const name = packageOf(spec);
        if (!declared.has(name)) missing.set(name, file.slice(root.length + 1));
      }
    }
    expect(Object.fromEntries(missing)).toEqual({});
  });

  it('keeps Nest, rxjs, reflect-metadata, class-validator and class-transformer as peers, not dependencies', () => {
    for (const name of [
      '@nestjs/common',
      '@nestjs/core',
      '@nestjs/axios',
      'rxjs',
      'reflect-metadata',
      'class-validator',
      'class-transformer',
      'axios',
    ]) {
      expect(pkg.peerDependencies).toHaveProperty([name]);
      expect(pkg.dependencies ?? {}).not.toHaveProperty([name]);
    }
    expect(pkg.peerDependencies?.['@nestjs/common']).toBe('^11.0.0 || ^12.0.0');
  });

  it('ships dist/ plus the sources its maps point at (lib/, no specs) and docs/, with "." and "./testing" exports', () => {
    expect(pkg.files).toEqual(['dist', 'lib', '!lib/**/*.spec.ts', 'docs']);
    expect(Object.keys(pkg.exports ?? {})).toEqual(expect.arrayContaining(['.', './testing']));
  });

  it('every entry point has an ESM and a CommonJS build, each with its own types', () => {
    for (const [key, value] of Object.entries(pkg.exports ?? {})) {
      if (key === './package.json') continue;
      const sub = key === '.' ? '' : `${key.slice(2)}/`;
      expect(value).toEqual({
        import: { types: `./dist/esm/${sub}index.d.ts`, default: `./dist/esm/${sub}index.js` },
        require: { types: `./dist/cjs/${sub}index.d.ts`, default: `./dist/cjs/${sub}index.js` },
      });
    }
  });

  it('the User-Agent version matches package.json', () => {
    expect(PACKAGE_VERSION).toBe(pkg.version);
  });
});
