import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../../../../protocol/bytes.js';
import type { MintProgress } from '../../../../../protocol/identity-mint.js';
import { type Logger, silentLogger } from '../../../../../node/components.js';
import { startDaemon } from '../../../../../node/app/daemon/daemon.js';
import { DataDirLockedError, IdentityTooWeakError } from '../../../../../node/app/daemon/errors.js';
import { useTeardown } from '../../../../support/teardown.js';
import { daemonSettings } from './support.js';
import { eventually, until } from '../../../../support/until.js';

const FINISHED: MintProgress = { hashes: -1, expectedHashes: -1, elapsedMs: -1 };

const settings = daemonSettings;

describe('node/app/daemon/daemon', () => {
  let root: string;
  const defer = useTeardown();
  /** A daemon stopped by teardown (again: stopping twice is harmless) before its directory goes. */
  const started: typeof startDaemon = async (...args) => {
    const daemon = await startDaemon(...args);
    defer(() => daemon.stop());
    return daemon;
  };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'warren-daemon-unit-'));
    defer(() => rm(root, { recursive: true, force: true }));
  });

  it('mints an identity with progress on first start and keeps it across restarts', async () => {
    const progress: MintProgress[] = [];
    const first = await started(
      { logger: silentLogger, mintProgress: { onProgress: (event) => progress.push(event), finish: () => progress.push(FINISHED) } },
      settings(root),
    );
    assert.ok(progress.length > 1);
    assert.equal(progress.at(-1), FINISHED);
    assert.match(first.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(first.gatewayUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await fetch(first.gatewayUrl!);
    assert.equal(home.status, 200);
    assert.equal(home.headers.get('referrer-policy'), 'no-referrer');
    assert.ok(existsSync(join(root, 'api.json')));
    await first.stop();
    assert.equal(existsSync(join(root, 'api.json')), false);
    assert.deepEqual(JSON.parse(await readFile(join(root, 'peers.json'), 'utf8')), { version: 1, peers: [] });
    const again = await started(
      { logger: silentLogger, mintProgress: { onProgress: () => assert.fail('minted again'), finish: () => assert.fail('minted again') } },
      settings(root),
    );
    assert.equal(toHex(again.identity.publicKey), toHex(first.identity.publicKey));
    await again.stop();
  });

  it('refuses a second node on the same data directory, and an identity weaker than the network requires', async () => {
    const running = await started({ logger: silentLogger }, settings(root));
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
    const daemon = await started({ logger: silentLogger }, settings(root));
    await daemon.stop();
  });

  it('joins through a seed, saves its peers while the links are up, and joins again later when none answers', async () => {
    const savedKeys = async (): Promise<string[]> =>
      (JSON.parse(await readFile(join(root, 'joiner', 'peers.json'), 'utf8')) as { peers: { publicKey: string }[] }).peers.map((peer) => peer.publicKey);
    const seed = await started({ logger: silentLogger }, settings(join(root, 'seed')));
    const seedKey = toHex(seed.identity.publicKey);
    const warnings: string[] = [];
    // Its children (the daemon's parts) write here too.
    const logger: Logger = { ...silentLogger, warn: (_fields, message) => warnings.push(message), child: () => logger };
    const joiner = await started({ logger }, settings(join(root, 'joiner'), { seeds: [...seed.addresses] }));
    await until(() => joiner.node.peers.size > 0, 'the seed as a peer');
    await joiner.stop();
    await seed.stop();
    assert.deepEqual(await savedKeys(), [seedKey]);
    assert.deepEqual(warnings, []);

    // Restarted without seeds while its only saved peer is down: it starts, and joins once the peer is back.
    const alone = await started({ logger }, { ...settings(join(root, 'joiner')), joinRetryMs: 100 });
    await until(() => warnings.length > 0, 'a warning');
    assert.match(warnings[0]!, /no saved peer or seed reachable: joining again later/);
    await rm(join(root, 'seed', 'peers.json'));
    const back = await started({ logger: silentLogger }, settings(join(root, 'seed'), { listen: [...seed.addresses] }));
    await until(() => alone.node.peers.size > 0, 'the saved peer again');
    await alone.stop();
    await back.stop();
    assert.deepEqual(await savedKeys(), [seedKey]);
  });

  it('saves a peer that dialled in while running, so a seed killed before its periodic save rejoins through it', async () => {
    const seed = await started({ logger: silentLogger }, settings(join(root, 'seed')));
    const joiner = await started({ logger: silentLogger }, settings(join(root, 'joiner'), { seeds: [...seed.addresses] }));
    const joinerKey = toHex(joiner.identity.publicKey);
    // A hang guard: the seed joins through nobody, so only the check for new peers writes the file.
    await eventually("the joiner in the seed's peers.json", async () => {
      const saved = JSON.parse(await readFile(join(root, 'seed', 'peers.json'), 'utf8')) as { peers: { publicKey: string }[] };
      return saved.peers.some((peer) => peer.publicKey === joinerKey) ? true : undefined;
    });
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
