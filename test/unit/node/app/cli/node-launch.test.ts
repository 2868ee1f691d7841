import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIsFresh, nodeLaunch } from '../../../../../node/app/cli/node-launch.js';

describe('node/app/cli/node-launch', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-launch-'));
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  /** Writes `path` under `root`, last modified `secondsAgo` ago. */
  const file = async (path: string, secondsAgo: number): Promise<void> => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), '');
    const when = new Date(Date.now() - secondsAgo * 1000);
    await utimes(join(root, path), when, when);
  };

  it('judges the build fresh only when every source has its compiled file, written after it', async () => {
    await file('node/a.ts', 100);
    await file('node/deep/b.ts', 100);
    await file('node/types.d.ts', 1);
    await file('node/node_modules/x/c.ts', 1);
    await file('dist/node/a.js', 50);
    assert.equal(await buildIsFresh(root, join(root, 'dist'), ['node']), false, 'b.ts not compiled');
    await file('dist/node/deep/b.js', 50);
    assert.equal(await buildIsFresh(root, join(root, 'dist'), ['node']), true, 'declarations and node_modules are not sources');
    await file('node/deep/b.ts', 10);
    assert.equal(await buildIsFresh(root, join(root, 'dist'), ['node']), false, 'b.ts edited after the build');
    assert.equal(await buildIsFresh(root, join(root, 'dist'), ['absent']), false, 'no sources: nothing to judge by');
  });

  it('runs a compiled script as it is, with its Node.js options', async () => {
    assert.deepEqual(await nodeLaunch('/usr/lib/warren/dist/node/app/cli/main.js', ['--cpu-prof']), {
      args: ['--cpu-prof', '/usr/lib/warren/dist/node/app/cli/main.js'],
      fromBuild: false,
    });
  });
});
