import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintIdentity } from '../../../../../protocol/identity-mint.js';
import {
  dataDirPaths,
  loadIdentity,
  loadOrCreateApiToken,
  loadPeers,
  prepareDataDir,
  readApiInfo,
  removeApiInfo,
  resolveDataDir,
  saveIdentity,
  savePeers,
  writeApiInfo,
} from '../../../../../node/app/daemon/data-dir.js';
import { DataDirError } from '../../../../../node/app/daemon/errors.js';

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

describe('node/app/daemon/data-dir', () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'warren-data-'));
  });
  afterEach(() => rm(parent, { recursive: true, force: true }));

  it('is found from the flag, else WARREN_DATA_DIR, else XDG_DATA_HOME, else the home directory', () => {
    assert.equal(resolveDataDir({ homeDir: '/home/u', env: {} }), '/home/u/.warren');
    assert.equal(resolveDataDir({ homeDir: '/home/u', env: { XDG_DATA_HOME: '' } }), '/home/u/.warren');
    assert.equal(resolveDataDir({ homeDir: '/home/u', env: { XDG_DATA_HOME: '/xdg' } }), '/xdg/warren');
    assert.equal(resolveDataDir({ homeDir: '/home/u', env: { XDG_DATA_HOME: '/xdg', WARREN_DATA_DIR: '/env' } }), '/env');
    assert.equal(resolveDataDir({ homeDir: '/home/u', env: { WARREN_DATA_DIR: '/env' }, flags: { dataDir: '/flag' } }), '/flag');
    assert.equal(resolveDataDir({ homeDir: '/home/u', env: {}, flags: { dataDir: 'relative' } }), join(process.cwd(), 'relative'));
  });

  it('creates the directory and store/ private to the user', async () => {
    const paths = await prepareDataDir(join(parent, 'a', 'b'));
    assert.equal(await mode(paths.root), 0o700 & ~process.umask());
    assert.equal(await mode(paths.store), 0o700 & ~process.umask());
    assert.deepEqual(await prepareDataDir(paths.root), paths);
  });

  it('keeps the identity in a 0600 file and reads it back', async () => {
    const paths = await prepareDataDir(parent);
    assert.equal(await loadIdentity(paths), undefined);
    const identity = await mintIdentity({ difficulty: 4, workers: 0 });
    await saveIdentity(paths, identity);
    assert.equal(await mode(paths.identity), 0o600);
    const loaded = await loadIdentity(paths);
    assert.deepEqual(loaded?.publicKey, identity.publicKey);
    assert.equal(loaded?.location, identity.location);
  });

  it('creates a 32-byte hex API token once, 0600, and keeps it', async () => {
    const paths = await prepareDataDir(parent);
    const token = await loadOrCreateApiToken(paths);
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.equal(await mode(paths.apiToken), 0o600);
    assert.equal(await loadOrCreateApiToken(paths), token);
    await writeFile(paths.apiToken, 'short');
    await assert.rejects(loadOrCreateApiToken(paths), DataDirError);
  });

  it('saves and loads peers in a versioned format, and refuses a damaged or newer file', async () => {
    const paths = await prepareDataDir(parent);
    assert.deepEqual(await loadPeers(paths), []);
    const peer = {
      node: { publicKey: new Uint8Array(32).fill(7), powNonce: new Uint8Array(8).fill(1), addresses: ['/ip4/192.0.2.1/tcp/7400'] },
      lastConnected: '2026-01-01T00:00:00.000Z',
    };
    await savePeers(paths, [peer]);
    assert.equal(await mode(paths.peers), 0o600);
    assert.deepEqual(await loadPeers(paths), [peer]);
    const saved = JSON.parse(await readFile(paths.peers, 'utf8')) as { version: number; peers: { publicKey: string }[] };
    assert.equal(saved.version, 1);
    assert.equal(saved.peers[0]!.publicKey, '07'.repeat(32));
    await writeFile(paths.peers, JSON.stringify({ version: 2, peers: [] }));
    await assert.rejects(loadPeers(paths), /unknown format version 2, expected 1/);
    await writeFile(paths.peers, JSON.stringify({ version: 1, peers: [{ publicKey: 'zz' }] }));
    await assert.rejects(loadPeers(paths), DataDirError);
    await writeFile(paths.peers, '[');
    await assert.rejects(loadPeers(paths), /not valid JSON/);
  });

  it('writes, reads and removes api.json', async () => {
    const paths = dataDirPaths((await prepareDataDir(parent)).root);
    assert.equal(await readApiInfo(paths), undefined);
    await writeApiInfo(paths, { host: '127.0.0.1', port: 1234, pid: 42 });
    assert.deepEqual(await readApiInfo(paths), { host: '127.0.0.1', port: 1234, pid: 42 });
    await removeApiInfo(paths);
    assert.equal(await readApiInfo(paths), undefined);
  });
});
