/**
 * The headless node's settings (spec/node.md §1), resolved once from four layers, each
 * overriding the one before: defaults < config file < environment variables < flags.
 *
 *   data directory   flag --data-dir, WARREN_DATA_DIR, else $XDG_DATA_HOME/warren or ~/.warren (data-dir.ts)
 *   config file      flag --config FILE, else <data dir>/config.json when it exists
 *   everything else  SETTINGS below: one row per setting, with its flag, variable, key and parser
 *
 * A bad value throws `ConfigError` naming the setting and the source it came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_POW_DIFFICULTY, MAX_POW_DIFFICULTY, MIN_POW_DIFFICULTY } from '../../../protocol/identity.js';
import { MAX_BLOCK_BYTES } from '../../../protocol/keys/index.js';
import { DEFAULT_CACHE_BUDGET_BYTES, DEFAULT_STORE_BUDGET_BYTES } from '../../../store/config.js';
import { DEFAULT_API_PORT } from '../api/server.js';
import { DEFAULT_GATEWAY_PORT } from '../gateway/server.js';
import { parseTcpAddress } from '../../net/libp2p.js';
import { DEFAULT_MAX_PEERS, DEFAULT_MIN_PEERS } from '../../opennet.js';
import { SWAP_RATE_DEFAULTS } from '../../swap-policy.js';
import { resolveDataDir } from './data-dir.js';
import { ConfigError } from './errors.js';

export interface DaemonSettings {
  /** Multiaddrs the node accepts peers on. */
  readonly listen: readonly string[];
  /** Multiaddrs of nodes to connect to at start. */
  readonly seeds: readonly string[];
  /** TCP port of the local API on 127.0.0.1; 0 picks a free one (written to api.json). */
  readonly apiPort: number;
  /** TCP port of the web gateway on 127.0.0.1; 0 picks a free one; 'off' runs none. */
  readonly gatewayPort: number | 'off';
  readonly storeBytes: number;
  readonly cacheBytes: number;
  /** The network's proof-of-work difficulty (leading zero bits). */
  readonly powDifficulty: number;
  /** Opennet: peers the node aims for at most. */
  readonly maxPeers: number;
  /** Opennet: below this many peers the node announces itself again (lowered to maxPeers if above it). */
  readonly minPeers: number;
  /** The least severe log level written (pino's names). */
  readonly logLevel: LogLevel;
  /** Whether blocks a fetch had to rebuild are inserted again in the background (spec/client.md §9.1). */
  readonly heal: boolean;
  /** Darknet mode (spec/node.md §5): links only with friends, no opennet. */
  readonly darknet: boolean;
  /** Darknet mode: time between two location swaps the node starts (spec/routing.md §11.5). */
  readonly swapIntervalMs: number;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DaemonConfig extends DaemonSettings {
  readonly dataDir: string;
  /** The config file that was read, if any. */
  readonly configFile: string | undefined;
}

/** Flags as the command line hands them over: text, lists for the repeatable ones. */
export interface DaemonFlags {
  readonly dataDir?: string | undefined;
  readonly config?: string | undefined;
  readonly listen?: readonly string[] | undefined;
  readonly seed?: readonly string[] | undefined;
  readonly apiPort?: string | undefined;
  readonly gatewayPort?: string | undefined;
  readonly storeBytes?: string | undefined;
  readonly cacheBytes?: string | undefined;
  readonly powDifficulty?: string | undefined;
  readonly maxPeers?: string | undefined;
  readonly minPeers?: string | undefined;
  readonly logLevel?: string | undefined;
  /** `--no-heal` gives false; absent otherwise, so that the file and the environment still count. */
  readonly heal?: boolean | undefined;
  readonly darknet?: boolean | string | undefined;
  readonly swapInterval?: string | undefined;
}

export interface ConfigSources {
  readonly flags?: DaemonFlags;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** For the default data directory. */
  readonly homeDir: string;
}

export const DEFAULT_LISTEN = '/ip4/0.0.0.0/tcp/7400';
export const CONFIG_FILE_NAME = 'config.json';
/** The highest maxPeers or minPeers accepted. */
const MAX_PEERS_LIMIT = 1_000;

interface Setting<K extends keyof DaemonSettings> {
  readonly flag: keyof DaemonFlags & string;
  readonly env: string;
  readonly fallback: DaemonSettings[K];
  /** The value, or throws a RangeError saying what it must be. */
  parse(raw: unknown): DaemonSettings[K];
}

type Settings = { readonly [K in keyof DaemonSettings]: Setting<K> };

function integer(minimum: number, maximum: number) {
  return (raw: unknown): number => {
    const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum || value > maximum) {
      throw new RangeError(`must be a whole number from ${minimum} to ${maximum}, got ${JSON.stringify(raw)}`);
    }
    return value;
  };
}

function logLevel(raw: unknown): LogLevel {
  if (typeof raw === 'string' && (LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new RangeError(`must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(raw)}`);
}

/** true or false: a JSON boolean, or (environment variables) 1, 0, true or false. */
function onOff(raw: unknown): boolean {
  if (raw === true || raw === 'true' || raw === '1') return true;
  if (raw === false || raw === 'false' || raw === '0') return false;
  throw new RangeError(`must be true or false (1 or 0), got ${JSON.stringify(raw)}`);
}

/** A port, or "off". */
function portOrOff(raw: unknown): number | 'off' {
  if (raw === 'off') return 'off';
  try {
    return integer(0, 65_535)(raw);
  } catch {
    throw new RangeError(`must be a port from 0 to 65535 or "off", got ${JSON.stringify(raw)}`);
  }
}

/** A list of TCP multiaddrs: an array, or one comma-separated string (environment variables). */
function addresses(raw: unknown): readonly string[] {
  const list =
    typeof raw === 'string'
      ? raw
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
      : raw;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw new RangeError(`must be a list of multiaddrs, got ${JSON.stringify(raw)}`);
  for (const address of list as string[]) {
    try {
      parseTcpAddress(address);
    } catch (cause) {
      throw new RangeError(`${(cause as Error).message} (expected e.g. /ip4/192.0.2.1/tcp/7400)`, { cause });
    }
  }
  return list as string[];
}

const SETTINGS: Settings = {
  listen: { flag: 'listen', env: 'WARREN_LISTEN', fallback: [DEFAULT_LISTEN], parse: addresses },
  seeds: { flag: 'seed', env: 'WARREN_SEEDS', fallback: [], parse: addresses },
  apiPort: { flag: 'apiPort', env: 'WARREN_API_PORT', fallback: DEFAULT_API_PORT, parse: integer(0, 65_535) },
  gatewayPort: { flag: 'gatewayPort', env: 'WARREN_GATEWAY_PORT', fallback: DEFAULT_GATEWAY_PORT, parse: portOrOff },
  storeBytes: { flag: 'storeBytes', env: 'WARREN_STORE_BYTES', fallback: DEFAULT_STORE_BUDGET_BYTES, parse: integer(MAX_BLOCK_BYTES, Number.MAX_SAFE_INTEGER) },
  cacheBytes: { flag: 'cacheBytes', env: 'WARREN_CACHE_BYTES', fallback: DEFAULT_CACHE_BUDGET_BYTES, parse: integer(MAX_BLOCK_BYTES, Number.MAX_SAFE_INTEGER) },
  powDifficulty: {
    flag: 'powDifficulty',
    env: 'WARREN_POW_DIFFICULTY',
    fallback: DEFAULT_POW_DIFFICULTY,
    parse: integer(MIN_POW_DIFFICULTY, MAX_POW_DIFFICULTY),
  },
  maxPeers: { flag: 'maxPeers', env: 'WARREN_MAX_PEERS', fallback: DEFAULT_MAX_PEERS, parse: integer(1, MAX_PEERS_LIMIT) },
  minPeers: { flag: 'minPeers', env: 'WARREN_MIN_PEERS', fallback: DEFAULT_MIN_PEERS, parse: integer(1, MAX_PEERS_LIMIT) },
  logLevel: { flag: 'logLevel', env: 'WARREN_LOG_LEVEL', fallback: 'info', parse: logLevel },
  heal: { flag: 'heal', env: 'WARREN_HEAL', fallback: true, parse: onOff },
  darknet: { flag: 'darknet', env: 'WARREN_DARKNET', fallback: false, parse: onOff },
  swapIntervalMs: { flag: 'swapInterval', env: 'WARREN_SWAP_INTERVAL_MS', fallback: SWAP_RATE_DEFAULTS.startEveryMs, parse: integer(100, 3_600_000) },
};

const flagName = (flag: string): string => `--${flag.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`cannot read the config file ${path}: ${(cause as Error).message}`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`config file ${path}: must hold one JSON object`);
  const unknown = Object.keys(parsed).filter((key) => !Object.hasOwn(SETTINGS, key));
  if (unknown.length > 0) {
    throw new ConfigError(`config file ${path}: unknown setting ${unknown.join(', ')} (known: ${Object.keys(SETTINGS).join(', ')})`);
  }
  return parsed as Record<string, unknown>;
}

/** Resolves every setting; throws `ConfigError` for a bad value or an unreadable config file. */
export function resolveDaemonConfig(sources: ConfigSources): DaemonConfig {
  const { flags = {}, env = {} } = sources;
  const dataDir = resolveDataDir(sources);
  const implicitFile = join(dataDir, CONFIG_FILE_NAME);
  const configFile = flags.config !== undefined ? resolve(flags.config) : existsSync(implicitFile) ? implicitFile : undefined;
  const file = configFile === undefined ? {} : readConfigFile(configFile);

  const settings: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(SETTINGS) as [keyof DaemonSettings, Setting<keyof DaemonSettings>][]) {
    const layers: [unknown, string][] = [
      [file[name], `config file ${configFile} (key "${name}")`],
      [env[setting.env] === '' ? undefined : env[setting.env], `environment variable ${setting.env}`],
      [flags[setting.flag], `flag ${flagName(setting.flag)}`],
    ];
    let value: unknown = setting.fallback;
    for (const [raw, source] of layers) {
      if (raw === undefined) continue;
      try {
        value = setting.parse(raw);
      } catch (cause) {
        if (!(cause instanceof RangeError)) throw cause;
        throw new ConfigError(`invalid ${name} from ${source}: ${cause.message}`, { cause });
      }
    }
    settings[name] = value;
  }
  const resolved = settings as unknown as DaemonSettings;
  return { dataDir, configFile, ...resolved, minPeers: Math.min(resolved.minPeers, resolved.maxPeers) };
}
