import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * No source file of the library or the sample app is longer than a reader can hold (issue 17,
 * item 9): at most 400 lines. A file that is a table of data may be longer; none is today, so the
 * allow-list is empty and an entry must say why.
 */
const MAX_LINES = 400;
const DATA_TABLES: Readonly<Record<string, string>> = {};

const root = resolve(process.cwd());

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'dist' || name === 'node_modules' ? [] : tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('file size', () => {
  it(`keeps every file of lib/ and sample-app/src/ at ${MAX_LINES} lines or fewer`, () => {
    const files = [...tsFiles(join(root, 'lib')), ...tsFiles(join(root, 'sample-app', 'src'))];
    expect(files.length).toBeGreaterThan(100);
    const long = files
      .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > MAX_LINES && !(f.file in DATA_TABLES))
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
