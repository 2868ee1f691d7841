import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../../../node/components.js';
import { addFriend, ApiCallError, type ApiEndpoint, fetchFriends, fetchNodeRef } from '../../../../../node/app/api/client.js';
import type { DaemonConfig } from '../../../../../node/app/daemon/config.js';
import { type Daemon, startDaemon } from '../../../../../node/app/daemon/daemon.js';
import { dataDirPaths, readApiToken } from '../../../../../node/app/daemon/data-dir.js';
import { toHex } from '../../../../../protocol/bytes.js';
import { parseNodeRef } from '../../../../../protocol/wire/node-ref-text.js';
import { useTeardown } from '../../../../support/teardown.js';
import { daemonSettings } from './support.js';
import { until } from '../../../../support/until.js';

const settings = (dataDir: string, overrides: Partial<DaemonConfig> = {}): DaemonConfig =>
  daemonSettings(dataDir, { gatewayPort: 'off', darknet: true, ...overrides });

describe('node/app/daemon/friends: the friends of the headless node, in darknet mode and beside the opennet', function () {
  // A hang guard: real sockets on loopback, nothing timed.
  this.timeout(120_000);
  const defer = useTeardown();

  async function daemon(name: string, overrides: Partial<DaemonConfig> = {}): Promise<{ daemon: Daemon; api: ApiEndpoint; dataDir: string }> {
    const dataDir = await mkdtemp(join(tmpdir(), `warren-friends-${name}-`));
    defer(() => rm(dataDir, { recursive: true, force: true }));
    const started = await startDaemon({ logger: silentLogger }, settings(dataDir, overrides));
    defer(() => started.stop());
    const token = await readApiToken(dataDirPaths(dataDir));
    return { daemon: started, api: { url: started.apiUrl, token: token! }, dataDir };
  }

  it('friends who exchanged references connect; a stranger seeding to them is refused; friends are saved', async () => {
    const alice = await daemon('alice');
    const bob = await daemon('bob');
    const stranger = await daemon('stranger', { darknet: false });

    const aliceRef = await fetchNodeRef(alice.api);
    assert.equal(toHex(parseNodeRef(aliceRef).publicKey), toHex(alice.daemon.identity.publicKey));
    assert.deepEqual(parseNodeRef(aliceRef).addresses, alice.daemon.addresses);
    // Each adds the other: the reference exchanged out of band.
    await addFriend(bob.api, aliceRef);
    await addFriend(alice.api, await fetchNodeRef(bob.api));
    await until(() => alice.daemon.node.peers.size === 1 && bob.daemon.node.peers.size === 1, 'the friends linked');
    assert.deepEqual(
      (await fetchFriends(alice.api)).friends.map(({ id, connected }) => ({ id, connected })),
      [{ id: toHex(bob.daemon.identity.publicKey), connected: true }],
    );
    const saved = JSON.parse(await readFile(join(alice.dataDir, 'friends.json'), 'utf8')) as { version: number; friends: string[] };
    assert.equal(saved.version, 1);
    assert.equal(toHex(parseNodeRef(saved.friends[0]!).publicKey), toHex(bob.daemon.identity.publicKey));

    // A stranger with a valid identity dials Alice: refused after Noise.
    await assert.rejects(stranger.daemon.node.join({ seeds: [alice.daemon.addresses[0]!] }));
    assert.equal(alice.daemon.node.peers.size, 1);
    assert.equal(stranger.daemon.node.peers.size, 0);
  });

  it('an opennet node befriends a darknet node (a mixed node) and keeps it out of its saved peers; a damaged reference is refused', async () => {
    const open = await daemon('open', { darknet: false });
    const dark = await daemon('dark');
    assert.deepEqual(await fetchFriends(open.api), { darknet: false, friends: [] });
    await addFriend(dark.api, await fetchNodeRef(open.api));
    await addFriend(open.api, await fetchNodeRef(dark.api));
    await until(() => open.daemon.node.peers.size === 1 && dark.daemon.node.peers.size === 1, 'the friends linked');
    assert.deepEqual(
      (await fetchFriends(open.api)).friends.map(({ id, connected }) => ({ id, connected })),
      [{ id: toHex(dark.daemon.identity.publicKey), connected: true }],
    );
    // Its friend is no opennet peer: nothing to rejoin through.
    assert.deepEqual(open.daemon.node.knownPeers(), []);
    await assert.rejects(
      addFriend(open.api, 'warren-noderef 1\npublic-key 00\n'),
      (error: unknown) => error instanceof ApiCallError && error.code === 'ERR_INVALID_NODE_REF',
    );
  });
});
