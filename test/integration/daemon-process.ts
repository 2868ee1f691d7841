/**
 * `warren node` as a child process, for the integration tests: start one (optionally
 * through a command prefix such as `ip netns exec <ns>`), wait until it is ready (api.json
 * written and /v1/status answering), and call its API.
 *
 *   startNode ──spawn──> warren node ──api.json, api-token──> ready ──> Ready { url, token }
 *   api(ready, path) ──fetch, bearer token──> the node's local API
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeStatus } from '../../node/app/api/status.js';
import { tracked } from '../support/children.js';
import { eventually, PROCESS_START_MS } from '../support/until.js';

export const WARREN_MAIN = fileURLToPath(new URL('../../node/app/cli/main.ts', import.meta.url));

export interface DaemonProcess {
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
}

export interface Ready {
  readonly url: string;
  readonly token: string;
  readonly status: NodeStatus;
}

export interface StartOptions {
  /** Listen address (default loopback, any port). */
  readonly listen?: string;
  /** Runs the node through this command, e.g. `['ip', 'netns', 'exec', 'ns1']`. */
  readonly prefix?: readonly string[];
}

/** Starts `warren node` on `dataDir` at difficulty 8 with its API on any free port. */
export function startNode(dataDir: string, extra: readonly string[] = [], options: StartOptions = {}): DaemonProcess {
  const args = [
    '--import',
    'tsx',
    WARREN_MAIN,
    'node',
    '--data-dir',
    dataDir,
    '--pow-difficulty',
    '8',
    '--listen',
    options.listen ?? '/ip4/127.0.0.1/tcp/0',
    '--api-port',
    '0',
    '--gateway-port',
    '0',
    ...extra,
  ];
  const [command, ...prefixArgs] = [...(options.prefix ?? []), process.execPath];
  const child = tracked(spawn(command!, [...prefixArgs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, dataDir, stdout, stderr, exited };
}

/** Polls `probe` every 100 ms until it gives a value (a throw counts as none); a hang guard, see until.ts. */
export function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs?: number): Promise<T> {
  return eventually(what, probe, { timeoutMs, pollMs: 100 });
}

/** Where the node's API listens and its token, once api.json is written. */
export async function apiEndpoint(dataDir: string): Promise<Pick<Ready, 'url' | 'token'>> {
  const info = JSON.parse(await readFile(join(dataDir, 'api.json'), 'utf8')) as { host: string; port: number };
  const token = (await readFile(join(dataDir, 'api-token'), 'utf8')).trim();
  return { url: `http://${info.host}:${info.port}`, token };
}

export async function api(ready: Pick<Ready, 'url' | 'token'>, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${ready.url}${path}`, { ...init, headers: { authorization: `Bearer ${ready.token}`, ...init.headers } });
}

/** Waits for api.json and a first status answer. */
export async function ready(daemon: DaemonProcess, timeoutMs = PROCESS_START_MS): Promise<Ready> {
  return until(
    `the node in ${daemon.dataDir} to be ready`,
    async () => {
      if (daemon.child.exitCode !== null) throw new Error(`the node exited with ${daemon.child.exitCode}: ${daemon.stderr.join('')}`);
      const endpoint = await apiEndpoint(daemon.dataDir);
      const response = await api(endpoint, '/v1/status');
      return response.ok ? { ...endpoint, status: (await response.json()) as NodeStatus } : undefined;
    },
    timeoutMs,
  );
}

export async function status(node: Pick<Ready, 'url' | 'token'>): Promise<NodeStatus> {
  return (await (await api(node, '/v1/status')).json()) as NodeStatus;
}
