/** Settings for a daemon on loopback in a test: any port, a small store, a quick proof of work. */
import type { DaemonConfig } from '../../../../../node/app/daemon/config.js';

export function daemonSettings(dataDir: string, overrides: Partial<DaemonConfig> = {}): DaemonConfig {
  return {
    dataDir,
    configFile: undefined,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    seeds: [],
    apiPort: 0,
    gatewayPort: 0,
    storeBytes: 1024 * 1024,
    cacheBytes: 1024 * 1024,
    powDifficulty: 6,
    maxPeers: 40,
    minPeers: 10,
    darknet: false,
    swapIntervalMs: 30_000,
    logLevel: 'info',
    heal: true,
    ...overrides,
  };
}
