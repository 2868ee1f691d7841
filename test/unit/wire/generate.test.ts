import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const wireDirectory = fileURLToPath(new URL('../../../protocol/wire', import.meta.url));

describe('protocol/wire/generate', () => {
  it('the committed generated code is what warren.proto generates (run npm run wire:generate)', function () {
    this.timeout(60000);
    const outDirectory = mkdtempSync(join(tmpdir(), 'warren-wire-'));
    try {
      execFileSync(process.execPath, [join(wireDirectory, 'generate.mjs'), outDirectory], { stdio: 'pipe' });
      const committedDirectory = join(wireDirectory, 'generated');
      const files = readdirSync(outDirectory).sort();
      assert.deepEqual(readdirSync(committedDirectory).sort(), files);
      for (const file of files) {
        const fresh = readFileSync(join(outDirectory, file), 'utf8');
        const committed = readFileSync(join(committedDirectory, file), 'utf8');
        assert.ok(fresh === committed, `protocol/wire/generated/${file} is stale: run npm run wire:generate`);
      }
    } finally {
      rmSync(outDirectory, { recursive: true, force: true });
    }
  });

  it('spec/wire.md quotes warren.proto verbatim', () => {
    const proto = readFileSync(join(wireDirectory, 'warren.proto'), 'utf8');
    const spec = readFileSync(new URL('../../../spec/wire.md', import.meta.url), 'utf8');
    assert.ok(spec.includes(`\`\`\`proto\n${proto}\`\`\``), 'spec/wire.md §4.1 differs from protocol/wire/warren.proto');
  });
});
