import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POW_DIFFICULTY } from '../../../../../protocol/identity.js';
import { DEFAULT_API_PORT } from '../../../../../node/app/api/server.js';
import { DEFAULT_GATEWAY_PORT } from '../../../../../node/app/gateway/server.js';
import { DEFAULT_LISTEN, resolveDaemonConfig } from '../../../../../node/app/daemon/config.js';
import { ConfigError } from '../../../../../node/app/daemon/errors.js';
import { DEFAULT_MAX_PEERS, DEFAULT_MIN_PEERS } from '../../../../../node/opennet.js';
import { SWAP_RATE_DEFAULTS } from '../../../../../node/swap-policy.js';

describe('node/app/daemon/config', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warren-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has documented defaults, and the data directory follows XDG_DATA_HOME', () => {
    const config = resolveDaemonConfig({ homeDir: dir, env: {} });
    assert.deepEqual(config, {
      dataDir: join(dir, '.warren'),
      configFile: undefined,
      listen: [DEFAULT_LISTEN],
      seeds: [],
      apiPort: DEFAULT_API_PORT,
      gatewayPort: DEFAULT_GATEWAY_PORT,
      storeBytes: 1024 ** 3,
      cacheBytes: 1024 ** 3,
      powDifficulty: DEFAULT_POW_DIFFICULTY,
      maxPeers: DEFAULT_MAX_PEERS,
      minPeers: DEFAULT_MIN_PEERS,
      logLevel: 'info',
      heal: true,
      darknet: false,
      swapIntervalMs: SWAP_RATE_DEFAULTS.startEveryMs,
    });
    assert.equal(resolveDaemonConfig({ homeDir: dir, env: { XDG_DATA_HOME: '/xdg' } }).dataDir, '/xdg/warren');
  });

  it('layers defaults < config file < environment < flags, setting by setting', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ apiPort: 9000, storeBytes: 2_000_000, cacheBytes: 3_000_000, seeds: ['/ip4/192.0.2.1/tcp/1'] }));
    const config = resolveDaemonConfig({
      homeDir: '/nowhere',
      env: { WARREN_DATA_DIR: dir, WARREN_STORE_BYTES: '4000000', WARREN_API_PORT: '9001', WARREN_SEEDS: '/ip4/192.0.2.2/tcp/2, /dns4/seed.example/tcp/3' },
      flags: { apiPort: '0', listen: ['/ip4/127.0.0.1/tcp/0', '/ip6/::1/tcp/0'] },
    });
    assert.equal(config.configFile, join(dir, 'config.json'));
    assert.equal(config.cacheBytes, 3_000_000);
    assert.equal(config.storeBytes, 4_000_000);
    assert.deepEqual(config.seeds, ['/ip4/192.0.2.2/tcp/2', '/dns4/seed.example/tcp/3']);
    assert.equal(config.apiPort, 0);
    assert.deepEqual(config.listen, ['/ip4/127.0.0.1/tcp/0', '/ip6/::1/tcp/0']);
    assert.equal(config.powDifficulty, DEFAULT_POW_DIFFICULTY);
  });

  it('lowers minPeers to maxPeers', () => {
    const config = resolveDaemonConfig({ homeDir: dir, env: { WARREN_MAX_PEERS: '6' } });
    assert.deepEqual([config.maxPeers, config.minPeers], [6, 6]);
    assert.equal(resolveDaemonConfig({ homeDir: dir, flags: { maxPeers: '20', minPeers: '3' } }).minPeers, 3);
  });

  it("reads --config instead of the data directory's config.json", () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ apiPort: 9000 }));
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ apiPort: 9002 }));
    const config = resolveDaemonConfig({ homeDir: '/nowhere', flags: { dataDir: dir, config: join(dir, 'other.json') } });
    assert.equal(config.apiPort, 9002);
  });

  it('turns the gateway off and sets the log level, from any layer', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ gatewayPort: 'off', logLevel: 'warn' }));
    const fromFile = resolveDaemonConfig({ homeDir: '/nowhere', flags: { dataDir: dir } });
    assert.equal(fromFile.gatewayPort, 'off');
    assert.equal(fromFile.logLevel, 'warn');
    const fromFlags = resolveDaemonConfig({ homeDir: '/nowhere', env: { WARREN_GATEWAY_PORT: '0' }, flags: { dataDir: dir, logLevel: 'debug' } });
    assert.equal(fromFlags.gatewayPort, 0);
    assert.equal(fromFlags.logLevel, 'debug');
  });

  it('turns healing off from any layer, and a layer above turns it on again', () => {
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ heal: false }));
    assert.equal(resolveDaemonConfig({ homeDir: '/nowhere', flags: { dataDir: dir } }).heal, false);
    assert.equal(resolveDaemonConfig({ homeDir: '/nowhere', env: { WARREN_HEAL: '1' }, flags: { dataDir: dir } }).heal, true);
    assert.equal(resolveDaemonConfig({ homeDir: '/nowhere', env: { WARREN_HEAL: 'true' }, flags: { dataDir: dir, heal: false } }).heal, false);
    assert.throws(
      () => resolveDaemonConfig({ homeDir: dir, env: { WARREN_HEAL: 'yes' } }),
      /^ConfigError: invalid heal from environment variable WARREN_HEAL: must be true or false/,
    );
  });

  it('names the setting and its source for a bad value', () => {
    const cases: [Parameters<typeof resolveDaemonConfig>[0], RegExp][] = [
      [{ homeDir: dir, flags: { apiPort: '70000' } }, /^invalid apiPort from flag --api-port: must be a whole number from 0 to 65535, got "70000"$/],
      [{ homeDir: dir, env: { WARREN_STORE_BYTES: '1GiB' } }, /^invalid storeBytes from environment variable WARREN_STORE_BYTES: must be a whole number/],
      [{ homeDir: dir, env: { WARREN_CACHE_BYTES: '100' } }, /cacheBytes .* from 32768/],
      [{ homeDir: dir, flags: { powDifficulty: '65' } }, /^invalid powDifficulty from flag --pow-difficulty/],
      [{ homeDir: dir, flags: { seed: ['/ip4/1.2.3.4/udp/5'] } }, /^invalid seeds from flag --seed: not a TCP address: \/ip4\/1\.2\.3\.4\/udp\/5/],
      [{ homeDir: dir, env: { WARREN_LISTEN: 'localhost:7400' } }, /^invalid listen from environment variable WARREN_LISTEN: not a multiaddr/],
      [
        { homeDir: dir, env: { WARREN_LOG_LEVEL: 'verbose' } },
        /^invalid logLevel from environment variable WARREN_LOG_LEVEL: must be one of debug, info, warn, error, silent, got "verbose"$/,
      ],
      [{ homeDir: dir, flags: { gatewayPort: 'on' } }, /^invalid gatewayPort from flag --gateway-port: must be a port from 0 to 65535 or "off", got "on"$/],
    ];
    for (const [sources, message] of cases) {
      assert.throws(
        () => resolveDaemonConfig(sources),
        (error: unknown) => error instanceof ConfigError && error.code === 'ERR_CONFIG' && message.test(error.message),
      );
    }
  });

  it('refuses a config file with a bad value, an unknown key or bad JSON, naming the file', () => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ apiPort: '12x' }));
    assert.throws(
      () => resolveDaemonConfig({ homeDir: '/nowhere', flags: { dataDir: dir } }),
      new RegExp(`^ConfigError: invalid apiPort from config file ${file} \\(key "apiPort"\\)`),
    );
    writeFileSync(file, JSON.stringify({ apiport: 1 }));
    assert.throws(() => resolveDaemonConfig({ homeDir: '/nowhere', flags: { dataDir: dir } }), /unknown setting apiport/);
    writeFileSync(file, '{ not json');
    assert.throws(() => resolveDaemonConfig({ homeDir: '/nowhere', flags: { dataDir: dir } }), ConfigError);
    assert.throws(() => resolveDaemonConfig({ homeDir: '/nowhere', flags: { config: join(dir, 'missing.json') } }), /cannot read the config file/);
  });
});
