import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../../../protocol/bytes.js';
import type { MintProgress } from '../../../../protocol/identity.js';
import { silentLogger } from '../../../../node/components.js';
import type { DaemonConfig } from '../../../../node/daemon/config.js';
import { startDaemon } from '../../../../node/daemon/daemon.js';
import { DataDirLockedError, IdentityTooWeakError } from '../../../../node/daemon/errors.js';

const FINISHED: MintProgress = { hashes: -1, expectedHashes: -1, elapsedMs: -1 };

function settings(dataDir: string, overrides: Partial<DaemonConfig> = {}): DaemonConfig {
  return {
    dataDir,
    configFile: undefined,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    seeds: [],
    apiPort: 0,
    storeBytes: 1024 * 1024,
    cacheBytes: 1024 * 1024,
    powDifficulty: 6,
    maxPeers: 40,
    minPeers: 10,
    ...overrides,
  };
}

describe('node/daemon/daemon', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-daemon-unit-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('mints an identity with progress on first start and keeps it across restarts', async () => {
    const progress: MintProgress[] = [];
    const first = await startDaemon({ logger: silentLogger, mintProgress: { onProgress: (event) => progress.push(event), finish: () => progress.push(FINISHED) } }, settings(root));
    assert.ok(progress.length > 1);
    assert.equal(progress.at(-1), FINISHED);
    assert.match(first.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(existsSync(join(root, 'api.json')));
    await first.stop();
    assert.equal(existsSync(join(root, 'api.json')), false);
    assert.deepEqual(JSON.parse(await readFile(join(root, 'peers.json'), 'utf8')), { version: 1, peers: [] });
    const again = await startDaemon({ logger: silentLogger, mintProgress: { onProgress: () => assert.fail('minted again'), finish: () => assert.fail('minted again') } }, settings(root));
    assert.equal(toHex(again.identity.publicKey), toHex(first.identity.publicKey));
    await again.stop();
  });

  it('refuses a second node on the same data directory, and an identity weaker than the network requires', async () => {
    const running = await startDaemon({ logger: silentLogger }, settings(root));
    await assert.rejects(startDaemon({ logger: silentLogger }, settings(root)), DataDirLockedError);
    await running.stop();
    await assert.rejects(startDaemon({ logger: silentLogger }, settings(root, { powDifficulty: 40 })), (error: unknown) => {
      assert.ok(error instanceof IdentityTooWeakError);
      assert.equal(error.required, 40);
      assert.ok(error.leadingZeroBits >= running.identity.difficulty);
      return true;
    });
  });

  it('undoes a start that fails half-way: the store is released again', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    await assert.rejects(startDaemon({ logger: silentLogger }, settings(root, { apiPort: port })), /EADDRINUSE/);
    blocker.close();
    const daemon = await startDaemon({ logger: silentLogger }, settings(root));
    await daemon.stop();
  });

  it('joins through a seed, saves its peers while the links are up, and starts when no seed answers', async () => {
    const seed = await startDaemon({ logger: silentLogger }, settings(join(root, 'seed')));
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_fields: object, message: string) => warnings.push(message) };
    const joiner = await startDaemon({ logger }, settings(join(root, 'joiner'), { seeds: [...seed.addresses] }));
    const deadline = Date.now() + 5_000;
    while (joiner.node.peers.size === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await joiner.stop();
    await seed.stop();
    const saved = JSON.parse(await readFile(join(root, 'joiner', 'peers.json'), 'utf8')) as { peers: { publicKey: string }[] };
    assert.deepEqual(saved.peers.map((peer) => peer.publicKey), [toHex(seed.identity.publicKey)]);
    assert.deepEqual(warnings, []);

    const alone = await startDaemon({ logger }, settings(join(root, 'joiner'), { seeds: [...seed.addresses] }));
    while (warnings.length === 0 && Date.now() < deadline + 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.match(warnings.join(), /no peer reachable yet/);
    await alone.stop();
    const kept = JSON.parse(await readFile(join(root, 'joiner', 'peers.json'), 'utf8')) as { peers: { publicKey: string }[] };
    assert.deepEqual(kept.peers.map((peer) => peer.publicKey), [toHex(seed.identity.publicKey)], 'a save without peers keeps the saved ones');
  });

  it('gives up minting when aborted, leaving no identity behind', async () => {
    const controller = new AbortController();
    const starting = startDaemon(
      { logger: silentLogger, mintProgress: { onProgress: () => controller.abort(new Error('interrupted')), finish: () => undefined } },
      { ...settings(root, { powDifficulty: 40 }), signal: controller.signal },
    );
    await assert.rejects(starting, /interrupted/);
    assert.equal(existsSync(join(root, 'identity')), false);
  });
});
