/**
 * TCP transport benchmark: `npx tsx bench/transport.ts`.
 *
 * Over one loopback link between two TcpTransports in this process: envelopes per second and
 * MB/s for a small message (DataRequest) and a full 32 KiB block (DataFound), next to two
 * same-run references carrying the same frame bytes over loopback — the Noise-secured libp2p
 * stream alone (no envelope codec, no frame decoding, no events) and a bare TCP socket. The
 * sender keeps a bounded window in flight, as a node must (a transport disconnects a peer whose
 * queue overflows). Then connection setup: dial to a verified Hello, p50/p99, next to TCP +
 * Noise without the Hello and a bare TCP connect.
 *
 * The three pipes of a table are measured in rotation, round after round, so that a busy
 * machine slows a figure and its references alike; each figure is the median of its rounds.
 * Both ends of every link share this process, and so its one JavaScript thread.
 */
import { blockEnvelope, framesOf, type Load, noisePipe, pump, setupTimes, small, tcpPipe, transportPipe } from './links.js';
import { formatCount, median, p50p99, printRows } from './support.js';

const ROUNDS = 7;
const SETUPS = 150;

const loads: Load[] = [
  { name: 'DataRequest', envelope: small, count: 100_000, window: 8192 },
  { name: 'DataFound 32 KiB', envelope: blockEnvelope, count: 2_000, window: 64 },
];

function rateRow(label: string, rate: number, bytes: number, noise: number, tcp: number): readonly [string, string, string] {
  const megabytes = `${((rate * bytes) / 1e6).toFixed(1).padStart(7)} MB/s`;
  return [label, `${formatCount(rate)} /s`, `${megabytes}   ${(rate / noise).toFixed(2)}× Noise stream, ${(rate / tcp).toFixed(2)}× bare TCP`];
}

for (const load of loads) {
  const pipes = { transport: await transportPipe(load), noise: await noisePipe(load), tcp: await tcpPipe(load) };
  const rates = { transport: [] as number[], noise: [] as number[], tcp: [] as number[] };
  for (const name of Object.keys(pipes) as Array<keyof typeof pipes>) await pump(pipes[name], load.count / 4, load.window); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(pipes) as Array<keyof typeof pipes>) rates[name].push(await pump(pipes[name], load.count, load.window));
  }
  for (const pipe of Object.values(pipes)) await pipe.close();
  const [transport, noise, tcp] = [median(rates.transport), median(rates.noise), median(rates.tcp)];
  const { frameBytes } = framesOf(load);
  printRows(`${load.name}: ${frameBytes}-byte frames, ${load.count} per round, ${load.window} in flight, median of ${ROUNDS} rounds`, [
    rateRow('TcpTransport, envelopes end to end', transport, frameBytes, noise, tcp),
    rateRow('reference: Noise stream, same bytes', noise, frameBytes, noise, tcp),
    rateRow('reference: bare TCP socket, same bytes', tcp, frameBytes, noise, tcp),
  ]);
}

const times = await setupTimes(SETUPS);
printRows(`connection setup over loopback, ${SETUPS} of each in rotation (p50 / p99)`, [
  ['dial to a verified Hello (TCP + Noise XX + Hello)', p50p99(times.transport)],
  ['reference: TCP + Noise XX, no Hello', p50p99(times.noise)],
  ['reference: bare TCP connect', p50p99(times.tcp)],
]);
