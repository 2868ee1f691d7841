import assert from 'node:assert/strict';
import { Healer } from '../../node/client/healer.js';
import { toHex } from '../../protocol/bytes.js';
import { simulationChkFormat } from '../../protocol/keys/chk.js';
import { VirtualClock } from '../../sim/clock.js';
import { fetchFile, healFile, type TransferNode } from '../../sim/file-transfer.js';
import { encodeFile, type SimulatedFile, shardBytes } from '../../sim/files.js';

const FORMAT = simulationChkFormat(256);
const HOUR_MS = 3_600_000;

/** Two segments of 6 data + 6 check blocks. */
async function twoSegmentFile(): Promise<SimulatedFile> {
  const content = Uint8Array.from({ length: 2 * 6 * shardBytes(FORMAT) }, (_, index) => (index * 7) % 251);
  return encodeFile(content, 2, FORMAT);
}

/** A node that answers from a set of keys after 10 virtual ms, records what it was asked and inserted, and how many requests were in flight at most. */
class ScriptedNode implements TransferNode {
  readonly present = new Set<string>();
  readonly asked: string[] = [];
  readonly inserted: string[] = [];
  inFlight = 0;
  mostInFlight = 0;

  constructor(private readonly clock: VirtualClock) {}

  request(routingKey: Uint8Array): Promise<Uint8Array> {
    const key = toHex(routingKey);
    this.asked.push(key);
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    return new Promise((resolve, reject) =>
      this.clock.setTimer(10, () => {
        this.inFlight--;
        if (this.present.has(key)) resolve(new Uint8Array());
        else reject(new Error('data not found'));
      }),
    );
  }

  async insert(routingKey: Uint8Array): Promise<unknown> {
    this.inserted.push(toHex(routingKey));
    this.present.add(toHex(routingKey));
    return undefined;
  }
}

async function settle<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const result = promise.finally(() => {
    done = true;
  });
  for (let step = 0; step < 1_000 && !done; step++) await clock.run({ until: clock.now() + 60_000 });
  assert.ok(done, 'the transfer never ended');
  return result;
}

const keyOf = (file: SimulatedFile, segment: number, block: number): string => toHex(file.segments[segment]![block]!.routingKey);

describe('sim/file-transfer: fetching and healing a file as the client does', () => {
  it('asks for k blocks a segment when they all arrive, within the window', async () => {
    const clock = new VirtualClock();
    const node = new ScriptedNode(clock);
    const file = await twoSegmentFile();
    for (const blocks of file.segments) for (const block of blocks) node.present.add(toHex(block.routingKey));
    const fetched = await settle(clock, fetchFile(node, file, clock, { window: 4 }));
    assert.equal(fetched.retrievable, true);
    assert.equal(fetched.requests, 12);
    assert.deepEqual(new Set(node.asked), new Set([0, 1].flatMap((segment) => [0, 1, 2, 3, 4, 5].map((block) => keyOf(file, segment, block)))));
    assert.equal(node.mostInFlight, 4);
  });

  it('asks for a check block for each data block that fails, and heals only what it asked for in vain', async () => {
    const clock = new VirtualClock();
    const node = new ScriptedNode(clock);
    const file = await twoSegmentFile();
    for (const blocks of file.segments) for (const block of blocks) node.present.add(toHex(block.routingKey));
    node.present.delete(keyOf(file, 0, 1));
    node.present.delete(keyOf(file, 0, 2));
    const fetched = await settle(clock, fetchFile(node, file, clock));
    assert.equal(fetched.retrievable, true);
    assert.equal(fetched.requests, 14);
    assert.deepEqual([...fetched.failed].map((block) => toHex(block.routingKey)).sort(), [keyOf(file, 0, 1), keyOf(file, 0, 2)].sort());
    const healed = await settle(clock, healFile(new Healer({ node }), file, fetched));
    assert.deepEqual(healed, { rebuilt: 2, inserted: 2, failed: 0, dropped: 0, mismatched: 0, pending: 0 });
    assert.deepEqual(node.inserted.sort(), [keyOf(file, 0, 1), keyOf(file, 0, 2)].sort());
  });

  it("heals through the client's healer and its caps: a fetch's lowered cap drops the rest, and counts them", async () => {
    const clock = new VirtualClock();
    const node = new ScriptedNode(clock);
    const file = await twoSegmentFile();
    for (const blocks of file.segments) for (const block of blocks) node.present.add(toHex(block.routingKey));
    for (const [segment, block] of [
      [0, 0],
      [0, 3],
      [1, 5],
    ] as const)
      node.present.delete(keyOf(file, segment, block));
    const fetched = await settle(clock, fetchFile(node, file, clock));
    const healed = await settle(clock, healFile(new Healer({ node }), file, fetched, 2));
    assert.deepEqual(healed, { rebuilt: 3, inserted: 2, failed: 0, dropped: 1, mismatched: 0, pending: 0 });
    assert.deepEqual(node.inserted.sort(), [keyOf(file, 0, 0), keyOf(file, 0, 3)].sort(), 'segments are offered in order');
  });

  it('tries a short segment again after the delay, and counts the file lost only after the last attempt', async () => {
    const clock = new VirtualClock();
    const node = new ScriptedNode(clock);
    const file = await twoSegmentFile();
    // Segment 1 has 5 of its 12 blocks until its holders come back 2 h after the start.
    for (const block of file.segments[0]!) node.present.add(toHex(block.routingKey));
    for (let block = 0; block < 5; block++) node.present.add(keyOf(file, 1, block));
    clock.setTimer(2 * HOUR_MS, () => {
      for (const block of file.segments[1]!) node.present.add(toHex(block.routingKey));
    });
    const once = await settle(clock, fetchFile(node, file, clock, { attempts: 1 }));
    assert.equal(once.retrievable, false);
    const healed = await settle(clock, healFile(new Healer({ node }), file, once));
    assert.equal(healed.rebuilt, 0, 'a segment that cannot be rebuilt is not healed');
    const retried = await settle(clock, fetchFile(node, file, clock, { attempts: 3, retryDelayMs: HOUR_MS }));
    assert.equal(retried.retrievable, true);
    assert.equal(retried.firstAttemptRetrievable, false);
    assert.ok(retried.attempts >= 2 && retried.attempts <= 3, `attempts ${retried.attempts}`);
    await assert.rejects(fetchFile(node, file, clock, { attempts: 0 }), RangeError);
  });

  it('asks for every block when told to probe them all', async () => {
    const clock = new VirtualClock();
    const node = new ScriptedNode(clock);
    const file = await twoSegmentFile();
    for (const blocks of file.segments) for (const block of blocks.slice(0, 9)) node.present.add(toHex(block.routingKey));
    const fetched = await settle(clock, fetchFile(node, file, clock, { everyBlock: true }));
    assert.equal(fetched.requests, 24);
    assert.equal(fetched.found.size, 18);
    assert.equal(fetched.retrievable, true);
  });
});
