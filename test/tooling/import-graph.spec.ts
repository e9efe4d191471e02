import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/**
 * The import graph of lib/: every static import of every lib/**\/*.ts file, value and type imports
 * and re-exports alike (a type-only circle still ties two files together for a reader).
 */
const LIB = 'lib';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The lib files `file` imports (relative specifiers only; packages are not part of the graph). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => normalize(join(dirname(file), spec.replace(/\.js$/, '.ts'))))
    .map((path) => (path.endsWith('.ts') ? path : join(path, 'index.ts')));
}

const FILES = tsFiles(LIB).sort();
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

/** Every elementary circle's shortest witness: a depth-first walk reporting each back edge once. */
function circles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of GRAPH.get(file) ?? []) {
      if (!GRAPH.has(next)) continue;
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of FILES) if (!state.has(file)) visit(file);
  return found;
}

/**
 * The layer rule: the core (the request layer, errors, redaction, the public contract types,
 * constants and messages) imports nothing built on top of it. Resources, DTOs, callbacks,
 * reconciliation, the composition root (lib/paynet-client.ts), the Nest layer and the optional
 * entries (testing, health, swagger, redis, postgres) may import the core, never the reverse.
 */
const CORE = ['lib/redaction/', 'lib/errors/', 'lib/client/', 'lib/internal/', 'lib/i18n/'];
const CORE_FILES = ['lib/paynet.constants.ts'];
const inCore = (file: string) => CORE_FILES.includes(file) || CORE.some((dir) => file.startsWith(dir));

describe('import graph of lib/', () => {
  it('reads the whole tree', () => {
    expect(FILES.length).toBeGreaterThan(50);
    for (const [file, imports] of GRAPH) {
      for (const target of imports) {
        // a specifier that names no file would hide an edge from the checks below
        expect({ file, target, exists: GRAPH.has(target) }).toEqual({ file, target, exists: true });
      }
    }
  });

  it('has no import circle between files', () => {
    const report = circles().map((c) => c.join(' -> '));
    expect(report).toEqual([]);
  });

  it('keeps the core below everything built on it', () => {
    const upward: string[] = [];
    for (const [file, imports] of GRAPH) {
      if (!inCore(file)) continue;
      for (const target of imports) if (!inCore(target)) upward.push(`${file} -> ${target}`);
    }
    expect(upward).toEqual([]);
  });

  it('names files relative to the repository (the rule above matches them)', () => {
    expect(FILES.every((f) => relative('.', f) === f && f.startsWith('lib/'))).toBe(true);
  });
});
