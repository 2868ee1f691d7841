/**
 * Five `warren node` processes, each in its own Linux network namespace with its own
 * 10.201.0.x address, linked by veth pairs to a bridge in a sixth namespace: peers reach
 * each other only over those links, and each node's API (127.0.0.1) only from inside its
 * namespace, so API calls run a small fetch script through `ip netns exec`. Blocks inserted
 * through one namespace are fetched through others. Needs root and `ip netns` (iproute2);
 * skipped otherwise. The namespaces (and with them the veths and the bridge) are removed
 * in `after`, and on exit.
 *
 *   ns bridge: br0 ── vb0..vb4 ══veth══ eth0 10.201.0.1..5 in ns 0..4 ── warren node
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../protocol/bytes.js';
import { randomBytes } from '../../protocol/crypto.js';
import { encodeChk } from '../../protocol/keys/index.js';
import type { NodeStatus } from '../../node/app/api/status.js';
import { stopChild } from '../support/children.js';
import { apiEndpoint, type DaemonProcess, startNode, until } from './daemon-process.js';

const NODES = 5;
const BLOCKS = 10;
const PORT = 7400;
const prefix = `warren-${process.pid}`;
const bridgeNs = `${prefix}-br`;
const nodeNs = (index: number): string => `${prefix}-${index}`;
const nodeAddress = (index: number): string => `10.201.0.${index + 1}`;

/** Runs `ip` with these arguments; throws with its stderr if it fails. */
function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.error?.message ?? result.stderr.trim()}`);
}

/** Why this machine cannot run the test, or undefined if it can. */
function unsupported(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root';
  const probe = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (probe.error !== undefined) return `\`ip\` is not available (${probe.error.message}): install iproute2`;
  if (probe.status !== 0) return `\`ip netns\` does not work here: ${probe.stderr.trim()}`;
  return undefined;
}

function removeNamespaces(): void {
  for (const ns of [bridgeNs, ...Array.from({ length: NODES }, (_, index) => nodeNs(index))]) {
    spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  }
}

function createNetwork(): void {
  ip('netns', 'add', bridgeNs);
  ip('-n', bridgeNs, 'link', 'add', 'br0', 'type', 'bridge');
  ip('-n', bridgeNs, 'link', 'set', 'br0', 'up');
  for (let index = 0; index < NODES; index++) {
    const ns = nodeNs(index);
    ip('netns', 'add', ns);
    ip('-n', bridgeNs, 'link', 'add', `vb${index}`, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns);
    ip('-n', bridgeNs, 'link', 'set', `vb${index}`, 'master', 'br0', 'up');
    ip('-n', ns, 'addr', 'add', `${nodeAddress(index)}/24`, 'dev', 'eth0');
    ip('-n', ns, 'link', 'set', 'eth0', 'up');
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }
}

/** Calls the API of the node in `ns` from inside it: argv url, token, method; body on stdin; status on stderr. */
const FETCH_SCRIPT = `
const [url, token, method] = process.argv.slice(1);
const chunks = [];
if (method === 'PUT') for await (const chunk of process.stdin) chunks.push(chunk);
const response = await fetch(url, { method, body: method === 'PUT' ? Buffer.concat(chunks) : undefined, headers: { authorization: 'Bearer ' + token } });
process.stdout.write(Buffer.from(await response.arrayBuffer()));
process.stderr.write(String(response.status));
`;

interface NsResponse {
  readonly status: number;
  readonly body: Buffer;
}

async function nsApi(index: number, dataDir: string, path: string, method = 'GET', body?: Uint8Array): Promise<NsResponse> {
  const { url, token } = await apiEndpoint(dataDir);
  const child = spawn('ip', ['netns', 'exec', nodeNs(index), process.execPath, '--input-type=module', '-e', FETCH_SCRIPT, `${url}${path}`, token, method]);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(body);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const status = Number(Buffer.concat(stderr).toString());
  if (code !== 0 || !Number.isInteger(status)) throw new Error(`API call in ${nodeNs(index)} failed (${code}): ${Buffer.concat(stderr).toString()}`);
  return { status, body: Buffer.concat(stdout) };
}

async function nsStatus(index: number, dataDir: string): Promise<NodeStatus> {
  const response = await nsApi(index, dataDir, '/v1/status');
  assert.equal(response.status, 200);
  return JSON.parse(response.body.toString('utf8')) as NodeStatus;
}

describe('five nodes in separate network namespaces', function () {
  // About 15 s on an idle machine: a hang guard, with the margin for a loaded one.
  this.timeout(300_000);
  let root: string | undefined;
  const daemons: DaemonProcess[] = [];
  // The daemons themselves are killed on exit by test/support/children.ts.
  const cleanUp = (): void => removeNamespaces();

  before(function () {
    const reason = unsupported();
    if (reason !== undefined) {
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    process.once('exit', cleanUp);
    createNetwork();
  });

  after(async () => {
    await Promise.all(daemons.map((daemon) => stopChild(daemon.child)));
    removeNamespaces();
    process.removeListener('exit', cleanUp);
    if (root !== undefined) await rm(root, { recursive: true, force: true });
  });

  it('join through a seed over the bridge and fetch in one namespace what was inserted in another', async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-netns-'));
    const dataDir = (index: number): string => join(root!, `node-${index}`);
    const seed = `/ip4/${nodeAddress(0)}/tcp/${PORT}`;
    const start = (index: number, extra: string[]): void => {
      daemons.push(startNode(dataDir(index), extra, { listen: `/ip4/${nodeAddress(index)}/tcp/${PORT}`, prefix: ['ip', 'netns', 'exec', nodeNs(index)] }));
    };
    const peersOf = (index: number, count: number): Promise<NodeStatus> =>
      until(`the node in ${nodeNs(index)} to have ${count} peers`, async () => {
        const current = await nsStatus(index, dataDir(index));
        return current.peers.length >= count ? current : undefined;
      });
    // The seed listens before the others dial it (a node that finds no seed joins again only 5 s later).
    start(0, []);
    await peersOf(0, 0);
    for (let index = 1; index < NODES; index++) start(index, ['--seed', seed]);
    const statuses = await Promise.all(daemons.map((_, index) => peersOf(index, index === 0 ? NODES - 1 : 1)));
    for (const [index, current] of statuses.entries()) assert.deepEqual(current.addresses, [`/ip4/${nodeAddress(index)}/tcp/${PORT}`]);
    // All in one private /24: the per-range peer limit does not apply, so the seed keeps them all.
    assert.equal(statuses[0]!.peers.length, NODES - 1);

    for (let block = 0; block < BLOCKS; block++) {
      const chk = encodeChk(randomBytes(1 + block * 300));
      const path = `/v1/blocks/${toHex(chk.routingKey)}?type=chk`;
      const put = await nsApi(1, dataDir(1), path, 'PUT', chk.block);
      assert.equal(put.status, 200, put.body.toString());
      for (const via of [3, 4]) {
        const got = await nsApi(via, dataDir(via), path);
        assert.equal(got.status, 200, got.body.toString());
        assert.deepEqual(new Uint8Array(got.body), chk.block);
      }
    }
  });
});
