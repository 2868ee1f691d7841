/**
 * Crash safety of the RocksDB block store: a child process writes without end
 * (store-crash-writer.ts) and is killed with SIGKILL at seeded random moments.
 * After every kill the store must open without repairs, its stats must equal a
 * fresh count of the database, every block it serves must verify against its
 * routing key, and it must keep working.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { fromHex } from '../../protocol/bytes.js';
import { verifyBlock } from '../../protocol/keys/index.js';
import { RocksBlockStore } from '../../store/rocks-block-store.js';
import { tracked } from '../support/children.js';
import { chkBlock } from '../unit/store/blocks.js';
import { countDatabase, temporaryDirectories, withDatabase } from '../unit/store/rocks-files.js';
import { CRASH_STORE_INIT } from './store-crash-init.js';

const writer = fileURLToPath(new URL('./store-crash-writer.ts', import.meta.url));
const KILLS = 24;
const SEED = Number(process.env.WARREN_CRASH_SEED ?? 20261121);

/** mulberry32: a small seeded PRNG, so a failing sequence of kill delays can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Runs the writer until `delayMs` after it reports ready, then kills it; adds every key it announced to `keys`. */
async function writeAndKill(path: string, run: number, delayMs: number, keys: Set<string>): Promise<void> {
  const child = tracked(spawn(process.execPath, ['--import', 'tsx', writer, path, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  lines.on('line', (line) => (line === 'ready' ? ready() : keys.add(line)));
  const closed = once(lines, 'close');
  await Promise.race([isReady, exited.then(() => assert.fail(`writer run ${run} exited before it was ready`))]);
  await sleep(delayMs);
  child.kill('SIGKILL');
  const [, signal] = await exited;
  assert.equal(signal, 'SIGKILL', `writer run ${run} ended on its own`);
  await closed;
}

async function checkAfterCrash(path: string, run: number, keys: ReadonlySet<string>): Promise<number> {
  const counted = await withDatabase(path, countDatabase);
  const repairs: unknown[] = [];
  const store = await RocksBlockStore.open({ logger: { warn: (fields, message) => repairs.push({ fields, message }) } }, { ...CRASH_STORE_INIT, path });
  const stats = store.stats();
  const context = `after kill ${run} (seed ${SEED})`;
  assert.deepEqual(repairs, [], `no orphans to repair ${context}`);
  assert.deepEqual(
    { store: { blocks: stats.store.blocks, bytes: stats.store.bytes }, cache: { blocks: stats.cache.blocks, bytes: stats.cache.bytes } },
    counted.partitions,
    `stats equal the index records ${context}`,
  );
  assert.equal(counted.blockValues, stats.store.blocks + stats.cache.blocks, `one block value per index record ${context}`);
  assert.ok(stats.store.bytes <= stats.store.budgetBytes && stats.cache.bytes <= stats.cache.budgetBytes, `within budgets ${context}`);

  let readable = 0;
  for (const hex of keys) {
    const routingKey = fromHex(hex);
    if (!(await store.has(routingKey))) continue;
    const block = await store.get(routingKey);
    assert.ok(block !== undefined, `an indexed block reads back ${context}`);
    verifyBlock(routingKey, block);
    readable += 1;
  }
  assert.equal(readable, stats.store.blocks + stats.cache.blocks, `every stored block is one the writer put ${context}`);
  assert.equal(store.stats().corruptRemoved, 0);

  const fresh = chkBlock(run, 'after crash');
  assert.equal((await store.put(fresh.routingKey, fresh.block, { partition: 'cache' })).outcome, 'stored');
  assert.deepEqual(await store.get(fresh.routingKey), fresh.block);
  assert.equal(await store.delete(fresh.routingKey), true);
  await store.close();
  return readable;
}

describe('RocksBlockStore crash safety', function () {
  this.timeout(180_000);
  const directories = temporaryDirectories('crash');
  after(() => directories.cleanup());

  it(`survives ${KILLS} SIGKILLs at random moments of continuous writing`, async () => {
    const path = await directories.make();
    const random = seededRandom(SEED);
    const keys = new Set<string>();
    let everReadable = 0;
    for (let run = 0; run < KILLS; run++) {
      await writeAndKill(path, run, Math.floor(random() * 250), keys);
      everReadable += await checkAfterCrash(path, run, keys);
    }
    assert.ok(keys.size > KILLS * 5, `the writer wrote (${keys.size} blocks announced)`);
    assert.ok(everReadable > 0);
  });
});
