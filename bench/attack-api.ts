/**
 * An API flood for bench/attacks.ts: two `warren node` processes on loopback; the honest user
 * fetches a file through node B's API again and again, while a local attacker keeps `CONNECTIONS`
 * requests in flight against the same API without the token, with a browser's Origin header, and
 * with a rebinding Host header (each must be refused before any work). Honest MB/s before, during
 * and after the flood, each window's median; the ratios are medians of `ROUNDS` rounds. The attacker
 * runs at the lowest CPU priority (nice 19), so that it takes no CPU the nodes need, as one on another
 * machine would not: what is measured is what answering its requests costs node B.
 *
 *   node A (holds the file) ── TCP + Noise ── node B ◀── honest GET /v1/files/<uri> (token)
 *                                                    ◀── attacker: 401 / 403 / 421, as fast as answered
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchFile, insertFile } from '../node/app/api/client.js';
import { localEndpoint } from '../node/app/cli/endpoint.js';
import { randomBytes } from '../protocol/crypto.js';
import { startLoopbackNetwork } from '../test/support/client-network.js';
import { median } from './support.js';

const FILE_BYTES = 4 * 2 ** 20;
const CONNECTIONS = 64;
const WINDOW_MS = 10_000;
const ROUNDS = 3;
const ATTACKER_NICE = 19;

/** What the attacker sends, in turn: no token, an Origin with the token-less call, a foreign Host. */
const HOSTILE_HEADERS: readonly Record<string, string>[] = [{}, { origin: 'https://evil.example' }, { host: 'evil.example:7401' }];

async function honestWindow(fetchOnce: () => Promise<number>): Promise<number> {
  const rates: number[] = [];
  for (const end = performance.now() + WINDOW_MS; performance.now() < end; ) {
    const startedAt = performance.now();
    const bytes = await fetchOnce();
    rates.push(bytes / 1e6 / ((performance.now() - startedAt) / 1000));
  }
  return median(rates);
}

/**
 * The attacker, in its own process so it does not share the honest client's event loop: plain
 * JavaScript keeping CONNECTIONS requests in flight until its stdin closes, then printing how
 * many answers of each status it got, as JSON.
 */
const FLOODER = `
const http = require('node:http');
const [url, connections, headers] = [process.argv[1], Number(process.argv[2]), JSON.parse(process.argv[3])];
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const answers = {};
let turn = 0, stopped = false;
process.stdin.on('end', () => (stopped = true)).resume();
const one = () => new Promise((resolve) => {
  const request = http.request(url + '/v1/status', { agent, headers: headers[turn++ % headers.length] }, (response) => {
    answers[response.statusCode] = (answers[response.statusCode] ?? 0) + 1;
    response.resume().on('end', resolve).on('error', resolve);
  });
  request.on('error', resolve);
  request.end();
});
const lane = async () => { while (!stopped) await one(); };
Promise.all(Array.from({ length: connections }, lane)).then(() => { console.log(JSON.stringify(answers)); process.exit(0); });
`;

function flood(url: string): { stop(): Promise<Record<string, number>> } {
  const child = spawn(process.execPath, ['-e', FLOODER, url, String(CONNECTIONS), JSON.stringify(HOSTILE_HEADERS)], { stdio: ['pipe', 'pipe', 'inherit'] });
  if (child.pid !== undefined) setPriority(child.pid, ATTACKER_NICE);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    async stop() {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
      return JSON.parse(output) as Record<string, number>;
    },
  };
}

export async function apiAttack(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'warren-api-attack-'));
  const network = await startLoopbackNetwork(root, 2);
  try {
    const [holder, fetcher] = await Promise.all(network.dirs.map((dir) => localEndpoint(dir)));
    const path = join(root, 'file.bin');
    await writeFile(path, randomBytes(FILE_BYTES));
    const { uri } = await insertFile(holder!, { path, size: FILE_BYTES });
    const fetchOnce = async () => {
      let bytes = 0;
      for await (const chunk of await fetchFile(fetcher!, uri)) bytes += (chunk as Buffer).length;
      if (bytes !== FILE_BYTES) throw new Error(`fetched ${bytes} of ${FILE_BYTES} bytes`);
      return bytes;
    };
    await fetchOnce();
    console.log(
      `API flood: ${CONNECTIONS} attacking connections (nice ${ATTACKER_NICE}) against node B's API while B fetches a ` +
        `${FILE_BYTES / 2 ** 20} MiB file from A; ${ROUNDS} rounds`,
    );
    const rounds: { before: number; during: number; after: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const before = await honestWindow(fetchOnce);
      const startedAt = performance.now();
      const flooding = flood(fetcher!.url);
      const during = await honestWindow(fetchOnce);
      const answers = new Map(Object.entries(await flooding.stop()));
      const attackSeconds = (performance.now() - startedAt) / 1000;
      const after = await honestWindow(fetchOnce);
      rounds.push({ before, during, after });
      const sent = [...answers.values()].reduce((sum, count) => sum + count, 0);
      console.log(
        `  round ${round}: honest ${before.toFixed(1)} MB/s unattacked, ${during.toFixed(1)} during, ${after.toFixed(1)} in the ` +
          `${WINDOW_MS / 1000} s after; attacker ${(sent / attackSeconds).toFixed(0)} requests/s answered ` +
          `(${[...answers].map(([status, count]) => `${count} × ${status}`).join(', ')}; none reached a handler)`,
      );
    }
    const ratio = (pick: (round: (typeof rounds)[number]) => number) => median(rounds.map((round) => pick(round) / round.before)).toFixed(2);
    console.log(
      `  honest fetch, medians of ${ROUNDS} rounds: ${median(rounds.map(({ before }) => before)).toFixed(1)} MB/s unattacked (reference); ` +
        `during ${ratio(({ during }) => during)}×, after ${ratio(({ after }) => after)}×`,
    );
  } finally {
    await network.stop();
    await rm(root, { recursive: true, force: true });
  }
}
