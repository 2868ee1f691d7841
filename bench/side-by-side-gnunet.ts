/**
 * GNUnet peers on loopback for bench/side-by-side.ts (Debian's gnunet 0.19: `gnunet-arm` and friends).
 *
 *   startGnunetLine(root, n) ──per peer: its own GNUNET_HOME, config, runtime dir (sockets), TCP port──>
 *     gnunet-arm -s ──identities──> friends files (each peer's neighbours, FRIENDS-ONLY) ──restart topology──>
 *     friend HELLOs exchanged (gnunet-peerinfo -p) ──each peer has its friends connected──> GnunetPeer[]
 *   publish(peer, file)          gnunet-publish -n (inserted, not indexed) -D (no metadata extraction)
 *   download(peer, uri, a, out)  gnunet-download -a a, ended after a time limit
 *   peer.restartFs()             a fresh gnunet-service-fs, before each download (see below)
 *   peer.processes()             gnunet-service-arm and the services it started (children in /proc)
 *   peer.stop()                  gnunet-arm -e, then SIGKILL by pid to whatever is left
 *
 * Every peer caches and pushes nothing (fs CONTENT_CACHING, CONTENT_PUSHING = NO), so each download
 * comes from the publisher through the line, as Warren's do from the node that holds the file.
 * On a loaded machine gnunet-service-fs drops requests it cannot queue, and the asking peer backs off
 * (its average retransmission delay grew past 15 minutes in two downloads of 16 MiB): every later
 * download stalled. So each download starts with fresh fs services on every peer (the back-off is held
 * in memory only), and the datastore queue is 1024 requests instead of 32.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { type CommandRun, command, type NamedProcess } from './process-usage.js';

const run = promisify(execFile);
const CONTROL_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 120_000;
/** Time given a restarted fs service to learn its connected peers from core before a download. */
const FS_SETTLE_MS = 2_000;
/** The longest one publish may take (a hang guard). */
const TRANSFER_TIMEOUT_MS = 30 * 60_000;

/** Whether GNUnet's commands are installed (on PATH). */
export async function gnunetInstalled(): Promise<boolean> {
  return run('gnunet-arm', ['--version']).then(
    () => true,
    () => false,
  );
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function peerConfig(home: string, port: number): string {
  return `[PATHS]
GNUNET_HOME = ${home}
GNUNET_DATA_HOME = ${home}/data/
GNUNET_CONFIG_HOME = ${home}/config/
GNUNET_CACHE_HOME = ${home}/cache/
GNUNET_RUNTIME_DIR = ${home}/run/
GNUNET_USER_RUNTIME_DIR = ${home}/run/
GNUNET_TMP = ${home}/tmp/

[arm]
START_SYSTEM_SERVICES = YES
START_USER_SERVICES = YES

[transport]
PLUGINS = tcp

[transport-tcp]
PORT = ${port}
ADVERTISED_PORT = ${port}
BINDTO = 127.0.0.1

[transport-udp]
PORT = 0

[nat]
DISABLEV6 = YES
BEHIND_NAT = NO
ENABLE_UPNP = NO
RETURN_LOCAL_ADDRESSES = YES
USE_LOCALADDR = YES

[peerinfo]
USE_INCLUDED_HELLOS = NO

[hostlist]
IMMEDIATE_START = NO
START_ON_DEMAND = NO

[topology]
FRIENDS-ONLY = YES
MINIMUM-FRIENDS = 1
FRIENDS = ${home}/config/topology/friends.txt

[fs]
CONTENT_CACHING = NO
CONTENT_PUSHING = NO
DATASTORE_QUEUE_SIZE = 1024

[nse]
WORKBITS = 1

[gns]
IMMEDIATE_START = NO

[revocation]
IMMEDIATE_START = NO

[zonemaster]
IMMEDIATE_START = NO

[rest]
IMMEDIATE_START = NO
`;
}

export class GnunetPeer {
  readonly name: string;
  readonly home: string;
  readonly config: string;
  /** Pids of the ARM service and its children seen so far, so stop() can end them even if ARM will not. */
  readonly #seen = new Set<number>();

  constructor(name: string, home: string) {
    this.name = name;
    this.home = home;
    this.config = join(home, 'peer.conf');
  }

  async start(): Promise<void> {
    await mkdir(join(this.home, 'config', 'topology'), { recursive: true });
    await writeFile(join(this.home, 'config', 'topology', 'friends.txt'), '');
    await writeFile(this.config, peerConfig(this.home, await freePort()));
    await this.control('gnunet-arm', ['-s']);
    await this.processes();
  }

  async control(file: string, args: readonly string[]): Promise<string> {
    const { stdout } = await run(file, ['-c', this.config, ...args], { timeout: CONTROL_TIMEOUT_MS }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`${file} ${args.join(' ')} (peer ${this.name}): ${error.message.split('\n')[0]} ${error.stderr?.trim() ?? ''}`, { cause: error });
    });
    return stdout;
  }

  async identity(): Promise<string> {
    return (await this.control('gnunet-peerinfo', ['-s', '-q'])).trim();
  }

  /** The peer's friend-only HELLO as a URI (addresses included). */
  async hello(): Promise<string> {
    for (const deadline = performance.now() + CONNECT_TIMEOUT_MS; performance.now() < deadline; await sleep(500)) {
      const uri = (await this.control('gnunet-peerinfo', ['-s', '-g', '-f'])).match(/^gnunet:\/\/friend-hello\/\S*tcp\.\S+$/m)?.[0];
      if (uri !== undefined) return uri;
    }
    throw new Error(`GNUnet peer ${this.name} has no HELLO with a TCP address`);
  }

  /** Makes `identities` this peer's only friends (topology reads its friends file when it starts). */
  async befriend(identities: readonly string[]): Promise<void> {
    await writeFile(join(this.home, 'config', 'topology', 'friends.txt'), `${identities.join('\n')}\n`);
    await this.control('gnunet-arm', ['-k', 'topology']);
    await this.control('gnunet-arm', ['-i', 'topology']);
  }

  /** Stops and starts this peer's gnunet-service-fs, which forgets its request back-off; then lets it meet core's peers. */
  async restartFs(): Promise<void> {
    await this.control('gnunet-arm', ['-k', 'fs']);
    await this.control('gnunet-arm', ['-i', 'fs']);
    await sleep(FS_SETTLE_MS);
  }

  async friendsConnected(): Promise<number> {
    const text = await this.control('gnunet-statistics', ['-s', 'topology', '-n', '# friends connected', '-q']).catch(() => '');
    return Number(text.trim() || 0);
  }

  /** gnunet-service-arm of this peer's config and the services it started. */
  async processes(): Promise<NamedProcess[]> {
    const found: NamedProcess[] = [];
    let arm: number | undefined;
    const entries = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
    const stats = await Promise.all(
      entries.map(async (entry) => {
        const [cmdline, stat] = await Promise.all([
          readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => ''),
          readFile(`/proc/${entry}/stat`, 'utf8').catch(() => ''),
        ]);
        return { pid: Number(entry), args: cmdline.split('\0'), parent: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) };
      }),
    );
    for (const { pid, args } of stats) if (args[0]?.endsWith('gnunet-service-arm') && args.includes(this.config)) arm = pid;
    if (arm === undefined) return found;
    for (const { pid, args, parent } of stats) {
      if (pid === arm || parent === arm) {
        found.push({ name: `${this.name}: ${args[0]!.split('/').at(-1)}`, pid });
        this.#seen.add(pid);
      }
    }
    return found;
  }

  async stop(): Promise<void> {
    await this.control('gnunet-arm', ['-e']).catch(() => undefined);
    for (const pid of this.#seen) killIfRunning(pid);
  }

  /** SIGKILL to every process of this peer seen (for an exit in a hurry). */
  kill(): void {
    for (const pid of this.#seen) killIfRunning(pid);
  }
}

function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** `count` peers in a line, each a friend of its neighbours only; resolves once each has its neighbours connected. */
export async function startGnunetLine(root: string, count: number, started: (peer: GnunetPeer) => void): Promise<GnunetPeer[]> {
  const peers = Array.from({ length: count }, (_, index) => new GnunetPeer(String.fromCharCode(65 + index), join(root, `gnunet-${index}`)));
  for (const peer of peers) {
    started(peer);
    await peer.start();
  }
  const identities = await Promise.all(peers.map((peer) => peer.identity()));
  const neighbours = (index: number) => [index - 1, index + 1].filter((other) => other >= 0 && other < count);
  await Promise.all(peers.map((peer, index) => peer.befriend(neighbours(index).map((other) => identities[other]!))));
  const hellos = await Promise.all(peers.map((peer) => peer.hello()));
  for (const [index, peer] of peers.entries()) for (const other of neighbours(index)) await peer.control('gnunet-peerinfo', ['-p', hellos[other]!]);
  const deadline = performance.now() + CONNECT_TIMEOUT_MS;
  for (const [index, peer] of peers.entries()) {
    while ((await peer.friendsConnected()) < neighbours(index).length) {
      if (performance.now() > deadline) throw new Error(`GNUnet peer ${peer.name} did not connect to its neighbours in the line`);
      await sleep(500);
    }
  }
  return peers;
}

/** Publishes `file` into the peer's datastore (inserted, anonymity 1); the run and its URI. */
export async function publish(peer: GnunetPeer, file: string): Promise<CommandRun & { uri: string }> {
  const published = await command('gnunet-publish', 'gnunet-publish', ['-c', peer.config, '-n', '-D', file], TRANSFER_TIMEOUT_MS);
  const uri = published.stdout.match(/URI is `(gnunet:\/\/fs\/chk\/[^']+)'/)?.[1];
  if (uri === undefined) throw new Error(`gnunet-publish printed no URI: ${published.stdout.trim().slice(-500)}`);
  return { ...published, uri };
}

/** Downloads `uri` through `peer` at the anonymity level into `output`; `CommandTimeoutError` after `timeoutMs`. */
export function download(peer: GnunetPeer, uri: string, anonymity: 0 | 1, output: string, timeoutMs: number): Promise<CommandRun> {
  return command('gnunet-download', 'gnunet-download', ['-c', peer.config, '-a', String(anonymity), '-o', output, uri], timeoutMs);
}
