import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from '../../support/cruise.js';
import { folderCycles, folderGraph } from '../../support/folder-cycles.js';

const PRODUCTION = /^(node|protocol|store|sim)\//;
const FOLDERS = ['node', 'protocol', 'store', 'sim', 'bench', 'test'];

/** A tree that breaks every rule once; each file is [path, imports]. */
const BAD_TREE: readonly (readonly [string, readonly string[]])[] = [
  ['protocol/keys.ts', ['../node/core.js']],
  ['node/core.ts', ['./app/cli.js', '../sim/engine.js']],
  ['node/app/cli.ts', []],
  ['node/hashing.ts', ['sodium-native']],
  ['store/store.ts', ['../node/core.js']],
  ['sim/engine.ts', ['../node/app/cli.js']],
  ['sim/part/a.ts', ['../b.js']],
  ['sim/b.ts', ['./part/c.js']],
  ['sim/part/c.ts', []],
  ['bench/run.ts', ['../test/integration/harness.js']],
  ['test/integration/harness.ts', []],
];

describe('dependency rules (.dependency-cruiser.cjs)', function () {
  this.timeout(120_000);

  it('hold for the project: no violation, no folder cycle', async () => {
    const result = await cruise(FOLDERS);
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    assert.deepEqual(violations, []);
    assert.deepEqual(folderCycles(folderGraph(result.modules, PRODUCTION)), []);
    assert.ok(
      result.modules.some((module) => module.source === 'node/node.ts'),
      'the cruise saw the node core',
    );
  });

  it('refuse a tree that imports against the layering', async () => {
    const root = await mkdtemp(join(tmpdir(), 'warren-rules-'));
    try {
      const project = fileURLToPath(new URL('../../..', import.meta.url));
      await symlink(join(project, 'node_modules'), join(root, 'node_modules'));
      await writeFile(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }));
      for (const [path, imports] of BAD_TREE) {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), `${imports.map((target, i) => `import * as m${i} from '${target}';`).join('\n')}\nexport const x = 1;\n`);
      }
      const result = await cruise(FOLDERS, root);
      const broken = new Set(result.summary.violations.map((v) => `${v.rule.name}: ${v.from}`));
      for (const expected of [
        'protocol-imports-nothing-ours: protocol/keys.ts',
        'core-below-app-and-sim: node/core.ts',
        'crypto-only-through-the-facade: node/hashing.ts',
        'store-imports-only-protocol: store/store.ts',
        'sim-below-app: sim/engine.ts',
        'bench-imports-only-test-support: bench/run.ts',
      ]) {
        assert.ok(broken.has(expected), `expected ${expected}; got ${[...broken].join('; ')}`);
      }
      assert.deepEqual(folderCycles(folderGraph(result.modules, PRODUCTION)), [['sim', 'sim/part']]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
