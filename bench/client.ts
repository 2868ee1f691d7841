/**
 * Client benchmark: `npm run build && node --import tsx bench/client.ts [MiB]` (default 256).
 *
 * 1. FEC alone: encode (check blocks + the 256 CHK blocks) and rebuild (from 64 data + 64 check blocks) of
 *    one 128 + 128 segment, MB/s of content, median of rounds; reference: the segment's 128 bare CHK encodes.
 * 2. A file of MiB (a ChaCha20 keystream, made as it is sent) inserted through the API of one of
 *    three `warren node` processes (dist/) on loopback — real TCP, Noise, RocksDB — and fetched
 *    through another's (`GET /v1/files`, checked against the content's hash), MB/s of content; with
 *    the insert requests and the block sends the network made per inserted block (`requestsSent` and
 *    `insertBlocksSent` of every node's peers).
 * 3. Same-run references: store-only — the same blocks put into a `RocksBlockStore` in this process,
 *    and the data blocks a fetch needs read back, a segment's blocks in flight at a time; link-only —
 *    32 KiB DataFound frames over one loopback Noise stream (bench/links.ts), median of rounds.
 *    Each network figure is printed as a ratio of them.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { call, fetchFile, fetchStatus } from '../node/app/api/client.js';
import { localEndpoint } from '../node/app/cli/endpoint.js';
import {
  checkBlockTotal,
  decodeSegment,
  encodeSegment,
  resolveRedundancy,
  SHARD_BYTES,
  segmentCheckBlocks,
  shardCount,
  WIDE_FEC_CODE,
} from '../node/client/segments.js';
import { randomBytes } from '../protocol/crypto.js';
import { decodeChk, encodeChk } from '../protocol/keys/index.js';
import { RocksBlockStore } from '../store/rocks-block-store.js';
import { startLoopbackNetwork } from '../test/support/client-network.js';
import { keystream } from '../test/support/keystream.js';
import { blockEnvelope, framesOf, type Load, noisePipe, pump } from './links.js';
import { median, printRows } from './support.js';

const FILE_MIB = Number(process.argv[2] ?? 256);
const SIZE = FILE_MIB * 2 ** 20;
const ROUNDS = 5;
const MB = 1e6;
const REDUNDANCY = resolveRedundancy();
const K = REDUNDANCY.dataBlocksPerSegment;
const SEGMENT_BYTES = K * SHARD_BYTES;

async function timed(operation: () => Promise<unknown>): Promise<number> {
  const startedAt = performance.now();
  await operation();
  return (performance.now() - startedAt) / 1000;
}

/** The content cut into segments of k data blocks (the store reference does not share out the last two as the inserter does). */
async function* segmentsOf(size: number): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(SEGMENT_BYTES);
  let filled = 0;
  for (const chunk of keystream(size)) {
    for (let offset = 0; offset < chunk.length; ) {
      const taken = Math.min(SEGMENT_BYTES - filled, chunk.length - offset);
      buffer.set(chunk.subarray(offset, offset + taken), filled);
      filled += taken;
      offset += taken;
      if (filled === SEGMENT_BYTES) {
        yield buffer;
        buffer = new Uint8Array(SEGMENT_BYTES);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}

// ---- 1. FEC alone ----
const segmentContent = randomBytes(SEGMENT_BYTES);
const segment = await encodeSegment(segmentContent, K);
const contents = segment.blocks.map((block) => decodeChk(block.block, block.cryptoKey));
const halfLost = new Map(contents.flatMap((content, index) => (index % 2 === 0 ? [[index, content] as const] : [])));
const fec = { encode: [] as number[], rebuild: [] as number[], chk: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  const rate = async (operation: () => unknown) =>
    (20 * SEGMENT_BYTES) /
    MB /
    (await timed(async () => {
      for (let i = 0; i < 20; i++) await operation();
    }));
  fec.encode.push(await rate(() => encodeSegment(segmentContent, K)));
  fec.rebuild.push(await rate(() => decodeSegment(WIDE_FEC_CODE, segment.ref, halfLost)));
  fec.chk.push(
    await rate(() => {
      for (let s = 0; s < K; s++) encodeChk(segmentContent.subarray(s * SHARD_BYTES, (s + 1) * SHARD_BYTES));
    }),
  );
}

// ---- 3a. link-only: 32 KiB blocks over one loopback Noise stream ----
const load: Load = { name: 'DataFound 32 KiB', envelope: blockEnvelope, count: 2_000, window: 64 };
const link = await noisePipe(load);
await pump(link, load.count / 4, load.window); // warm-up
const linkRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) linkRates.push(await pump(link, load.count, load.window));
await link.close();
const linkMBps = (median(linkRates) * framesOf(load).frameBytes) / MB;

// ---- 2. insert and fetch through three node processes ----
const root = await mkdtemp(join(tmpdir(), 'warren-bench-client-'));
const network = await startLoopbackNetwork(root, 3, { built: true, flags: ['--store-bytes', String(3 * SIZE + 2 ** 28)] });
let insertSeconds: number;
let fetchSeconds: number;
/** Insert requests and insert blocks the nodes sent, per block inserted. */
let sendsPerBlock: { readonly requests: number; readonly blocks: number };
let fetchedIntact: boolean;
try {
  const [inserter, fetcher] = await Promise.all([localEndpoint(network.dirs[1]), localEndpoint(network.dirs[2])]);
  const endpoints = await Promise.all(network.dirs.map((dir) => localEndpoint(dir)));
  const sends = async () => {
    const peers = (await Promise.all(endpoints.map((endpoint) => fetchStatus(endpoint)))).flatMap((status) => status.peers);
    return {
      requests: peers.reduce((sum, peer) => sum + peer.stats.requestsSent, 0),
      blocks: peers.reduce((sum, peer) => sum + peer.stats.insertBlocksSent, 0),
    };
  };
  const sendsBefore = await sends();
  const written = createHash('sha256');
  let uri = '';
  insertSeconds = await timed(async () => {
    const response = await call(inserter, 'POST', '/v1/files?name=bench.bin', {
      body: Readable.from(keystream(SIZE, written)),
      headers: { 'content-length': SIZE, 'content-type': 'application/octet-stream' },
    });
    let text = '';
    for await (const chunk of response) text += String(chunk);
    uri = (JSON.parse(text) as { uri: string }).uri;
  });
  const blocksInserted = shardCount(SIZE) + checkBlockTotal(shardCount(SIZE), REDUNDANCY);
  const sendsAfter = await sends();
  sendsPerBlock = {
    requests: (sendsAfter.requests - sendsBefore.requests) / blocksInserted,
    blocks: (sendsAfter.blocks - sendsBefore.blocks) / blocksInserted,
  };
  const fetched = createHash('sha256');
  fetchSeconds = await timed(async () => {
    for await (const chunk of await fetchFile(fetcher, uri)) fetched.update(chunk as Buffer);
  });
  fetchedIntact = fetched.digest('hex') === written.digest('hex');
} finally {
  await network.stop();
}

// ---- 3b. store-only: the same blocks into a RocksBlockStore ----
const store = await RocksBlockStore.open({}, { path: join(root, 'store-only'), nodeLocation: 0.5, storeBudgetBytes: 3 * SIZE, cacheBudgetBytes: 2 ** 26 });
const dataKeys: Uint8Array[][] = [];
let putSeconds = 0;
for await (const content of segmentsOf(SIZE)) {
  const encoded = await encodeSegment(content, segmentCheckBlocks(shardCount(content.length), REDUNDANCY));
  dataKeys.push(encoded.ref.dataBlocks.map((ref) => ref.routingKey));
  putSeconds += await timed(() => Promise.all(encoded.blocks.map((block) => store.put(block.routingKey, block.block, { partition: 'store' }))));
}
const getSeconds = await timed(async () => {
  for (const keys of dataKeys) await Promise.all(keys.map((key) => store.get(key)));
});
await store.close();
await rm(root, { recursive: true, force: true });

// ---- figures ----
const fileMB = SIZE / MB;
const storePutMBps = fileMB / putSeconds;
const storeGetMBps = fileMB / getSeconds;
const insertMBps = fileMB / insertSeconds;
const fetchMBps = fileMB / fetchSeconds;
printRows(`client: FEC of one ${K} + ${K} segment (${(SEGMENT_BYTES / MB).toFixed(2)} MB of content), median of ${ROUNDS} rounds`, [
  [`FEC encode (check blocks + ${2 * K} CHK blocks)`, `${median(fec.encode).toFixed(0)} MB/s`, 'of content'],
  [`FEC decode (rebuild from ${K / 2} data + ${K / 2} check blocks)`, `${median(fec.rebuild).toFixed(0)} MB/s`],
  [`  reference: the ${K} bare CHK encodes`, `${median(fec.chk).toFixed(0)} MB/s`],
]);
printRows(
  `client: a ${FILE_MIB} MiB file through three warren node processes on loopback (TCP, Noise, RocksDB)${fetchedIntact ? '' : ' — FETCHED CONTENT DIFFERS'}`,
  [
    [
      'insert through the API (read, hash, FEC, CHK, route)',
      `${insertMBps.toFixed(2)} MB/s`,
      `${insertSeconds.toFixed(0)} s; ${sendsPerBlock.requests.toFixed(1)} insert requests and ${sendsPerBlock.blocks.toFixed(1)} block sends per inserted ` +
        `block; ${(insertMBps / storePutMBps).toFixed(3)}× store-only put, ${(insertMBps / linkMBps).toFixed(3)}× link-only`,
    ],
    [
      'fetch through another node (route, verify, decrypt, hash)',
      `${fetchMBps.toFixed(2)} MB/s`,
      `${fetchSeconds.toFixed(0)} s; ${(fetchMBps / storeGetMBps).toFixed(3)}× store-only get, ${(fetchMBps / linkMBps).toFixed(3)}× link-only`,
    ],
    [
      '  reference, store-only: the same blocks put into a RocksBlockStore',
      `${storePutMBps.toFixed(1)} MB/s`,
      'of content (2 blocks per block of content), a segment in flight',
    ],
    ['  reference, store-only: its data blocks read back', `${storeGetMBps.toFixed(1)} MB/s`, 'of content, a segment in flight'],
    [
      '  reference, link-only: 32 KiB blocks over one loopback Noise stream',
      `${linkMBps.toFixed(1)} MB/s`,
      `of blocks, ${load.window} in flight, median of ${ROUNDS} rounds`,
    ],
  ],
);
