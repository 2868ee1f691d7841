/**
 * A RocksDB block store on a really full filesystem: a 2 MiB tmpfs. Needs root
 * (to mount it); skipped with a message otherwise. The same behaviour is tested
 * everywhere with an injected ENOSPC in test/unit/store/rocks-block-store.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHK_BLOCK_BYTES } from '../../protocol/keys/index.js';
import { StoreFullError } from '../../store/errors.js';
import { RocksBlockStore } from '../../store/rocks-block-store.js';
import { chkBlock, type TestBlock } from '../unit/store/blocks.js';

describe('RocksBlockStore on a full filesystem (2 MiB tmpfs)', function () {
  this.timeout(60_000);
  let mountPoint: string;
  let mounted = false;

  before(async function () {
    mountPoint = await mkdtemp(join(tmpdir(), 'warren-full-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { encoding: 'utf8' });
    mounted = mount.status === 0;
    if (!mounted) {
      console.warn(`    skipped: mounting a small tmpfs needs root (${(mount.stderr || String(mount.error)).trim()})`);
      this.skip();
    }
  });

  after(async () => {
    if (mounted) spawnSync('umount', [mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('refuses writes with StoreFullError and keeps serving what it holds', async () => {
    const budget = 64 * CHK_BLOCK_BYTES;
    const store = await RocksBlockStore.open({}, { path: join(mountPoint, 'db'), nodeLocation: 0.5, storeBudgetBytes: budget, cacheBudgetBytes: budget });
    const held: TestBlock[] = [];
    let failure: unknown;
    for (let n = 0; failure === undefined; n++) {
      assert.ok(n < 128, 'a 2 MiB filesystem fills up within 128 blocks');
      const block = chkBlock(n, 'full disk');
      try {
        await store.put(block.routingKey, block.block, { partition: n % 2 === 0 ? 'store' : 'cache' });
        held.push(block);
      } catch (error) {
        failure = error;
      }
    }
    assert.ok(failure instanceof StoreFullError, `got ${String(failure)}`);
    assert.equal(failure.code, 'ERR_STORE_FULL');
    assert.ok(held.length > 10);

    const stats = store.stats();
    assert.equal(stats.store.blocks + stats.cache.blocks, held.length, 'the refused block is not counted');
    for (const { routingKey, block } of held) assert.deepEqual(await store.get(routingKey), block);
    const next = chkBlock(1000, 'full disk');
    await assert.rejects(store.put(next.routingKey, next.block, { partition: 'cache' }), StoreFullError);
    assert.equal(await store.has(next.routingKey), false);
    await store.close();
  });
});
