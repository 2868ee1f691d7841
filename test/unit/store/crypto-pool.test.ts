import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { InvalidBlockError } from '../../../protocol/errors.js';
import { AtRestCipher } from '../../../store/at-rest.js';
import { CryptoPool } from '../../../store/crypto-pool.js';
import { StoreWorkerError } from '../../../store/errors.js';
import { chkBlocks, sskRivals, type TestBlock } from './blocks.js';

const cipher = new AtRestCipher(new Uint8Array(32).fill(3));
const blocks = chkBlocks(24, 'pool');

function admit(pool: CryptoPool, { routingKey, block }: TestBlock) {
  return pool.admit({ routingKey, diskKey: cipher.diskKey(routingKey), block, into: undefined });
}

/** Bursts of admits until the pool has run some of them on a worker (it takes a while to start). */
async function untilWorkersTakeJobs(pool: CryptoPool): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (pool.jobCounts().workers === 0) {
    assert.ok(Date.now() < deadline, 'no job reached the worker within 30 s');
    await Promise.all(blocks.map((block) => admit(pool, block)));
    await sleep(20);
  }
}

describe('store/crypto-pool', () => {
  for (const workers of [0, 1]) {
    describe(`with ${workers} worker thread(s)`, () => {
      let pool: CryptoPool;
      let workerJobs: number;
      before(async () => {
        pool = new CryptoPool(cipher, workers);
        if (workers > 0) await untilWorkersTakeJobs(pool);
      });
      after(() => pool.close());
      beforeEach(() => {
        workerJobs = pool.jobCounts().workers;
      });
      afterEach(() => {
        if (workers > 0) assert.ok(pool.jobCounts().workers > workerJobs, 'the worker took part of the burst');
        else assert.equal(pool.jobCounts().workers, workerJobs, 'no job went to a worker');
      });

      it('verifies and seals a burst of blocks: each opens for its own slot only', async () => {
        const [ssk] = sskRivals();
        const burst = [...blocks, ssk];
        const admitted = await Promise.all(burst.map((block) => admit(pool, block)));
        assert.deepEqual(
          admitted.map(({ kind }) => kind),
          burst.map((_, index) => (index < blocks.length ? 'chk' : 'ssk')),
        );
        for (const [index, { routingKey, block }] of burst.entries()) {
          const diskKey = cipher.diskKey(routingKey);
          assert.deepEqual(cipher.open(routingKey, diskKey, Uint8Array.from(admitted[index]!.sealed)), block);
          assert.equal(
            cipher.open(routingKey, cipher.diskKey(blocks[(index + 1) % blocks.length]!.routingKey), Uint8Array.from(admitted[index]!.sealed)),
            undefined,
          );
        }
      });

      it('refuses a block that does not match its routing key with InvalidBlockError, and runs the rest of its burst', async () => {
        const forged = { routingKey: blocks[0]!.routingKey, block: blocks[1]!.block };
        const outcomes = await Promise.allSettled([blocks[2]!, forged, ...blocks.slice(3)].map((block) => admit(pool, block)));
        const rejected = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        assert.equal(rejected.length, 1);
        assert.ok(rejected[0] instanceof InvalidBlockError);
      });
    });
  }

  it('runs a lone call on the calling thread, without starting a worker', async () => {
    const pool = new CryptoPool(cipher, 1);
    for (const block of blocks) await admit(pool, block);
    assert.deepEqual(pool.jobCounts(), { mainThread: blocks.length, workers: 0 });
    assert.equal((pool as unknown as { workers: unknown[] }).workers.length, 0);
    await pool.close();
  });

  it('seals blocks its caller verified on the calling thread, however many wait, and opens each for its slot', async () => {
    const pool = new CryptoPool(cipher, 1);
    const sealed = await Promise.all(
      blocks.map(({ routingKey, block }) => pool.admit({ routingKey, diskKey: cipher.diskKey(routingKey), block, into: undefined, verified: 'chk' })),
    );
    assert.deepEqual(pool.jobCounts(), { mainThread: blocks.length, workers: 0 });
    for (const [index, { routingKey, block }] of blocks.entries()) {
      assert.deepEqual(cipher.open(routingKey, cipher.diskKey(routingKey), sealed[index]!.sealed), block);
    }
    await pool.close();
  });

  it('fails the jobs a dying worker held, and carries on without it', async () => {
    const pool = new CryptoPool(cipher, 1);
    await untilWorkersTakeJobs(pool);
    const burst = Promise.allSettled(blocks.map((block) => admit(pool, block)));
    await Promise.resolve();
    const [worker] = (pool as unknown as { workers: { thread: Worker }[] }).workers;
    await worker!.thread.terminate();
    const outcomes = await burst;
    assert.ok(
      outcomes.some(({ status }) => status === 'rejected'),
      'the jobs the worker held fail',
    );
    for (const outcome of outcomes) if (outcome.status === 'rejected') assert.ok(outcome.reason instanceof StoreWorkerError, String(outcome.reason));
    assert.ok(
      outcomes.some(({ status }) => status === 'fulfilled'),
      'the main thread ran its share',
    );
    const before = pool.jobCounts().workers;
    await Promise.all(blocks.map((block) => admit(pool, block)));
    assert.equal(pool.jobCounts().workers, before);
    await pool.close();
  });
});
