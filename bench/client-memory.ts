/**
 * Client memory benchmark: `npm run build && node --import tsx bench/client-memory.ts [MiB]` (default 1024).
 *
 * Starts three `warren node` processes of the built command (dist/, as installed) on loopback (real TCP, Noise, RocksDB), inserts MiB of
 * deterministic content (a ChaCha20 keystream made as it is sent, never held whole) through one
 * node's API, then fetches it with the real `warren get` command through another node into a file,
 * and checks it. Every 100 ms it samples the resident set (VmRSS, /proc/<pid>/status) of the
 * command and of each node; it prints each process's peak per phase next to the file size and to
 * the nodes' resident sets before the insert (the same-run reference). It asserts nothing.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { call } from '../node/app/api/client.js';
import { localEndpoint } from '../node/app/cli/endpoint.js';
import { finished, spawnWarren, startLoopbackNetwork } from '../test/support/client-network.js';
import { keystream } from '../test/support/keystream.js';
import { residentMiB } from './client-support.js';
import { printRows } from './support.js';

const FILE_MIB = Number(process.argv[2] ?? 1024);
const MiB = 2 ** 20;
const SIZE = FILE_MIB * MiB;
const SAMPLE_MS = 100;

/** Peak VmRSS of each pid, sampled until `operation` settles. */
async function peaksWhile<T>(pids: () => readonly number[], operation: Promise<T>): Promise<{ result: T; peaks: Map<number, number>; seconds: number }> {
  const peaks = new Map<number, number>();
  const startedAt = performance.now();
  let done = false;
  const settled = operation.finally(() => (done = true));
  while (!done) {
    for (const pid of pids()) {
      const rss = await residentMiB(pid);
      if (rss !== undefined) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rss));
    }
    await Promise.race([settled.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, SAMPLE_MS))]);
  }
  return { result: await settled, peaks, seconds: (performance.now() - startedAt) / 1000 };
}

const root = await mkdtemp(join(tmpdir(), 'warren-bench-memory-'));
// Stores big enough for every block of the file (6 + 6 doubles it) wherever its key falls.
const network = await startLoopbackNetwork(root, 3, { built: true, flags: ['--store-bytes', String(3 * SIZE + 256 * MiB)] });
const nodePids = network.processes.map((child) => child.pid!);
const [inserter, fetcher] = [network.dirs[1]!, network.dirs[2]!];
const idle = await Promise.all(nodePids.map(async (pid) => (await residentMiB(pid)) ?? 0));

try {
  const written = createHash('sha256');
  const insertEndpoint = await localEndpoint(inserter);
  const insert = await peaksWhile(
    () => nodePids,
    (async () => {
      const response = await call(insertEndpoint, 'POST', '/v1/files?name=memory.bin', {
        body: Readable.from(keystream(SIZE, written)),
        headers: { 'content-length': SIZE, 'content-type': 'application/octet-stream' },
      });
      let text = '';
      for await (const chunk of response) text += String(chunk);
      return JSON.parse(text) as { uri: string };
    })(),
  );

  const output = join(root, 'memory.bin');
  const command = spawnWarren(['get', insert.result.uri, '--data-dir', fetcher, '-o', output], { built: true });
  const fetch = await peaksWhile(() => [command.pid!, ...nodePids], finished(command));
  if (fetch.result.code !== 0) throw new Error(`warren get exited with ${fetch.result.code}: ${fetch.result.stderr}`);
  const nodeHighWater = await Promise.all(nodePids.map(async (pid) => (await residentMiB(pid, 'VmHWM')) ?? 0));

  const got = createHash('sha256');
  for await (const chunk of createReadStream(output)) got.update(chunk as Buffer);
  const identical = (await stat(output)).size === SIZE && got.digest('hex') === written.digest('hex');
  const mb = SIZE / 1e6;
  const role = (index: number): string => ['seed (relay)', 'inserting node', 'fetching node'][index]!;
  printRows(
    `client memory: a ${FILE_MIB} MiB file through three warren node processes on loopback ` +
      `(${identical ? 'fetched byte for byte' : 'FETCHED CONTENT DIFFERS'})`,
    [
      ['insert through the API', `${(mb / insert.seconds).toFixed(2)} MB/s`, `${insert.seconds.toFixed(0)} s`],
      ['fetch with warren get', `${(mb / fetch.seconds).toFixed(2)} MB/s`, `${fetch.seconds.toFixed(0)} s`],
      [`warren get (the command): peak RSS while fetching`, `${fetch.peaks.get(command.pid!)?.toFixed(0) ?? '?'} MiB`, `file ${FILE_MIB} MiB`],
      ...nodePids.flatMap((pid, index) => [
        [`${role(index)}: peak RSS while fetching`, `${fetch.peaks.get(pid)?.toFixed(0) ?? '?'} MiB`, `file ${FILE_MIB} MiB`] as const,
        [
          `${role(index)}: peak RSS while inserting`,
          `${insert.peaks.get(pid)?.toFixed(0) ?? '?'} MiB`,
          `VmHWM over its life ${nodeHighWater[index]!.toFixed(0)} MiB`,
        ] as const,
        [`  reference: ${role(index)} RSS before the insert`, `${idle[index]!.toFixed(0)} MiB`] as const,
      ]),
    ],
  );
} finally {
  await network.stop();
  await rm(root, { recursive: true, force: true });
}
