import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The `.ts` files of `lib/`, outside `lib/<ownDir>`, whose text matches `pattern`: for "only
 * lib/<ownDir> imports this optional peer" checks.
 */
export async function libFilesOutside(ownDir: string, pattern: RegExp): Promise<string[]> {
  const root = join(process.cwd(), 'lib');
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(root, ownDir)) await walk(path);
      } else if (entry.name.endsWith('.ts')) {
        if (pattern.test(await readFile(path, 'utf8'))) found.push(path);
      }
    }
  }
  await walk(root);
  return found;
}
