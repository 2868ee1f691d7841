import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Longest line a source file may have (the formatter's width; it cannot wrap strings and comments). */
const MAX_LINE = 160;
const root = fileURLToPath(new URL('../../..', import.meta.url));
const FOLDERS = ['node', 'protocol', 'store', 'sim', 'bench', 'test', 'spec'];
const SOURCE = /\.(ts|mts|cts|mjs|cjs)$/;

async function* sources(folder: string): AsyncGenerator<string> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== 'generated') yield* sources(path);
    else if (entry.isFile() && SOURCE.test(entry.name)) yield path;
  }
}

describe('source layout', () => {
  it(`has no line longer than ${MAX_LINE} characters`, async () => {
    const long: string[] = [];
    for (const folder of FOLDERS) {
      for await (const path of sources(join(root, folder))) {
        const lines = (await readFile(path, 'utf8')).split('\n');
        lines.forEach((line, index) => {
          if ([...line].length > MAX_LINE) long.push(`${relative(root, path)}:${index + 1} (${[...line].length})`);
        });
      }
    }
    assert.deepEqual(long, []);
  });
});
