/**
 * Client benchmark: `node --expose-gc --import tsx bench/client.ts [MiB]`.
 *
 * FEC encode and rebuild MB/s of 6 + 6 segments, then insert and fetch MB/s of a
 * 32 MiB file (default) through 40 real nodes on an in-memory small world (one process,
 * virtual time, wall time measured), with the peak memory while fetching. The same-run
 * reference is the bare CHK encode and verify + decode of the same bytes.
 */
import { Client } from '../node/client/client.js';
import { decodeSegment, encodeSegment, SHARD_BYTES } from '../node/client/segments.js';
import { randomBytes } from '../protocol/crypto.js';
import { decodeChk, encodeChk, verifyChkBlock } from '../protocol/keys/index.js';
import { createSimulatedNetwork } from '../sim/nodes.js';
import { SeededRng } from '../sim/rng.js';
import { idealLocations, smallWorldEdges } from '../sim/topology.js';
import { median, printRows } from './support.js';

const FILE_MIB = Number(process.argv[2] ?? 32);
const NODES = 40;
const ROUNDS = 5;
const MB = 1e6;

function memoryMiB(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
}

async function timed(operation: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await operation();
  return (performance.now() - startedAt) / 1000;
}

// ---- FEC alone: one 6 + 6 segment, encode (CHK-encode included) and rebuild from 3 data + 3 check ----
const segmentContent = randomBytes(6 * SHARD_BYTES);
const segment = await encodeSegment(segmentContent, 6);
const contents = segment.blocks.map((block) => decodeChk(block.block, block.cryptoKey));
const halfLost = new Map([0, 1, 2, 6, 7, 8].map((index) => [index, contents[index]!] as const));
const encodeRates: number[] = [];
const rebuildRates: number[] = [];
const chkRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  encodeRates.push((20 * segmentContent.length) / MB / (await timed(async () => { for (let i = 0; i < 20; i++) await encodeSegment(segmentContent, 6); })));
  rebuildRates.push((20 * segmentContent.length) / MB / (await timed(async () => { for (let i = 0; i < 20; i++) await decodeSegment(segment.ref, halfLost); })));
  chkRates.push((20 * segmentContent.length) / MB / (await timed(async () => {
    for (let i = 0; i < 20; i++) for (let s = 0; s < 6; s++) encodeChk(segmentContent.subarray(s * SHARD_BYTES, (s + 1) * SHARD_BYTES));
  })));
}

// ---- insert and fetch through the network ----
const seed = 'bench/client';
const sim = await createSimulatedNetwork({ seed, locations: idealLocations(NODES), edges: smallWorldEdges(NODES, new SeededRng(seed), { degree: 8 }) });
async function drive<T>(operation: Promise<T>): Promise<T> {
  let settled = false;
  operation.then(() => (settled = true), () => (settled = true));
  while (!settled) {
    await sim.clock.run();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return operation;
}
const file = randomBytes(FILE_MIB * 2 ** 20);
async function* chunks(): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < file.length; offset += 2 ** 20) yield file.subarray(offset, offset + 2 ** 20);
}
const insertStarted = performance.now();
const uri = await drive(new Client({ node: sim.nodes[3]!.node }).insertFile(chunks()));
const insertSeconds = (performance.now() - insertStarted) / 1000;

/** Fetches the whole file; returns seconds and the memory growth (peak − start) meanwhile. */
async function fetchOnce(): Promise<{ seconds: number; growthMiB: number }> {
  globalThis.gc?.();
  const memoryBefore = memoryMiB();
  let memoryPeak = memoryBefore;
  const reader = new Client({ node: sim.nodes[25]!.node });
  const startedAt = performance.now();
  let fetched = 0;
  let segments = 0;
  await drive((async () => {
    for await (const part of reader.fetch(uri)) {
      fetched += part.length;
      // Live memory, not garbage awaiting collection: sampled after a collection every 16 segments.
      if (++segments % 16 === 0) {
        globalThis.gc?.();
        memoryPeak = Math.max(memoryPeak, memoryMiB());
      }
    }
  })());
  if (fetched !== file.length) throw new Error(`fetched ${fetched} of ${file.length} bytes`);
  return { seconds: (performance.now() - startedAt) / 1000, growthMiB: memoryPeak - memoryBefore };
}
// The first fetch also fills the caches of the nodes on the path (all in this process);
// the second one's memory growth is the fetcher's own.
const first = await fetchOnce();
const second = await fetchOnce();
const fetchSeconds = first.seconds;
await sim.stop();

// Reference: bare CHK work on the same bytes (what every relay and the fetcher must at least do once).
const blocks: ReturnType<typeof encodeChk>[] = [];
const chkEncodeSeconds = await timed(async () => {
  for (let offset = 0; offset < file.length; offset += SHARD_BYTES) blocks.push(encodeChk(file.subarray(offset, offset + SHARD_BYTES)));
});
const chkDecodeSeconds = await timed(async () => {
  for (const block of blocks) {
    verifyChkBlock(block.routingKey, block.block);
    decodeChk(block.block, block.cryptoKey);
  }
});

const fileMB = file.length / MB;
printRows(`client: FEC segments of 6 + 6 blocks (${((6 * SHARD_BYTES) / MB).toFixed(2)} MB), median of ${ROUNDS} rounds`, [
  ['segment encode (FEC + 12 CHK blocks)', `${median(encodeRates).toFixed(0)} MB/s`, 'of content'],
  ['segment rebuild from 3 data + 3 check', `${median(rebuildRates).toFixed(0)} MB/s`],
  ['  reference: 6 bare CHK encodes', `${median(chkRates).toFixed(0)} MB/s`],
]);
printRows(`client: a ${FILE_MIB} MiB file through ${NODES} in-memory nodes (small world, degree 8), wall time, one process`, [
  ['insert (read, hash, FEC, CHK, route to the closest nodes)', `${(fileMB / insertSeconds).toFixed(1)} MB/s`, `${insertSeconds.toFixed(1)} s`],
  ['fetch (route, verify, decrypt, stream, hash)', `${(fileMB / fetchSeconds).toFixed(1)} MB/s`, `${fetchSeconds.toFixed(1)} s`],
  ['fetch again (caches on the path now warm)', `${(fileMB / second.seconds).toFixed(1)} MB/s`, `${second.seconds.toFixed(1)} s`],
  ['live memory growth while fetching again (peak − start)', `${second.growthMiB.toFixed(0)} MiB`, `the file is ${FILE_MIB} MiB; run with --expose-gc`],
  ['  reference: bare CHK encode of the same bytes', `${(fileMB / chkEncodeSeconds).toFixed(0)} MB/s`],
  ['  reference: bare CHK verify + decode', `${(fileMB / chkDecodeSeconds).toFixed(0)} MB/s`],
]);
