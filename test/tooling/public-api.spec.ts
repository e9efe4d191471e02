import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * The API report: the runtime export names of each package entry, checked in as
 * test/tooling/public-api.report.txt. An export added or removed by accident fails here; to change
 * the public API on purpose, run this test once with UPDATE_API_REPORT=1 (it rewrites the report)
 * and commit the report with the change (and a CHANGELOG line).
 */
const REPORT = 'test/tooling/public-api.report.txt';
const ENTRIES = [
  'lib/index.ts',
  'lib/testing/index.ts',
  'lib/health/index.ts',
  'lib/swagger/index.ts',
  'lib/redis/index.ts',
  'lib/postgres/index.ts',
];

async function runtimeNames(entry: string): Promise<string[]> {
  const mod = (await import(`../../${entry.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
  return Object.keys(mod)
    .filter((name) => name !== 'default' || mod.default !== undefined)
    .sort();
}

function render(report: Map<string, string[]>): string {
  return [...report].map(([entry, names]) => [`# ${entry}`, ...names].join('\n')).join('\n\n') + '\n';
}

function parse(text: string): Map<string, string[]> {
  const report = new Map<string, string[]>();
  let names: string[] | undefined;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line.startsWith('# ')) report.set(line.slice(2), (names = []));
    else if (line && names) names.push(line);
  }
  return report;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('public API', () => {
  it('matches the checked-in API report (UPDATE_API_REPORT=1 rewrites it on purpose)', async () => {
    const actual = new Map<string, string[]>();
    for (const entry of ENTRIES) actual.set(entry, await runtimeNames(entry));
    if (process.env.UPDATE_API_REPORT === '1') writeFileSync(REPORT, render(actual));
    const expected = parse(readFileSync(REPORT, 'utf8'));
    const changes: string[] = [];
    for (const entry of new Set([...expected.keys(), ...actual.keys()])) {
      const before = new Set(expected.get(entry) ?? []);
      const now = new Set(actual.get(entry) ?? []);
      for (const name of now) if (!before.has(name)) changes.push(`${entry}: added ${name}`);
      for (const name of before) if (!now.has(name)) changes.push(`${entry}: removed ${name}`);
    }
    if (changes.length > 0) {
      throw new Error(
        `The public API changed:\n  ${changes.join('\n  ')}\n` +
          `If this is on purpose, run this test with UPDATE_API_REPORT=1 to rewrite ${REPORT}, ` +
          'commit the report and say what changed in the CHANGELOG.',
      );
    }
    expect(changes).toEqual([]);
  });

  it('lists its exports explicitly and exports nothing from lib/internal/', () => {
    const source = readFileSync('lib/index.ts', 'utf8');
    expect(source).not.toMatch(/export\s+\*/);
    const specifiers = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
    expect(specifiers.length).toBeGreaterThan(10);
    expect(specifiers.filter((s) => s.includes('internal'))).toEqual([]);
  });

  it('exports no function or class of lib/internal/ through another module', async () => {
    const internal = new Map<unknown, string>();
    for (const file of tsFiles('lib/internal')) {
      const mod = (await import(`../../${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (typeof value === 'function') internal.set(value, `${file}: ${name}`);
      }
    }
    const lib = (await import('../../lib/index.js')) as Record<string, unknown>;
    const leaked = Object.entries(lib)
      .filter(([, value]) => internal.has(value))
      .map(([name, value]) => `${name} (${internal.get(value)})`);
    expect(leaked).toEqual([]);
  });
});
