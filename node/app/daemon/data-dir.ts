/**
 * The data directory's whole layout (spec/node.md §2): the one module that knows its file
 * names and formats. The directory is created 0700; secrets are written 0600.
 *
 *   identity     the node identity file (protocol/identity.ts), minted on first start
 *   store/       the RocksDB block store
 *   api-token    32 random bytes, hex: the local API's bearer token, created on first start
 *   peers.json   known peers (NodeRef + addresses), versioned; written on shutdown and periodically
 *   api.json     where the running node's API listens; removed on shutdown
 *   friends.json darknet friends: their node references as text (protocol/node-ref-text.ts), versioned
 *   config.json  optional settings (node/app/daemon/config.ts reads it)
 *
 * Every write goes to a temporary file renamed into place, so a crash never leaves half a file.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fromHex, toHex } from '../../../protocol/bytes.js';
import { randomBytes } from '../../../protocol/crypto.js';
import { decodeIdentityFile, encodeIdentityFile } from '../../../protocol/identity-file.js';
import type { NodeIdentity } from '../../../protocol/identity.js';
import { formatNodeRef, parseNodeRef } from '../../../protocol/wire/node-ref-text.js';
import type { NodeRef } from '../../../protocol/wire/messages.js';
import { DataDirError } from './errors.js';

export const PEERS_FILE_VERSION = 1;
export const API_FILE_VERSION = 1;
export const FRIENDS_FILE_VERSION = 1;
const API_TOKEN_BYTES = 32;

export interface DataDirPaths {
  readonly root: string;
  readonly identity: string;
  readonly store: string;
  readonly apiToken: string;
  readonly peers: string;
  readonly api: string;
  readonly friends: string;
}

/** Where the data directory is: the `--data-dir` flag, else WARREN_DATA_DIR, else the default. */
export interface DataDirSources {
  readonly flags?: { readonly dataDir?: string | undefined };
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** For the default directory. */
  readonly homeDir: string;
}

function defaultDataDir(env: DataDirSources['env'], homeDir: string): string {
  const xdg = env?.XDG_DATA_HOME;
  return xdg !== undefined && xdg !== '' ? join(xdg, 'warren') : join(homeDir, '.warren');
}

/** The data directory alone (what the commands that talk to a node need): flag, else WARREN_DATA_DIR, else $XDG_DATA_HOME/warren or ~/.warren. */
export function resolveDataDir(sources: DataDirSources): string {
  const { flags = {}, env = {}, homeDir } = sources;
  return resolve(flags.dataDir ?? (env.WARREN_DATA_DIR || undefined) ?? defaultDataDir(env, homeDir));
}

export function dataDirPaths(root: string): DataDirPaths {
  return {
    root,
    identity: join(root, 'identity'),
    store: join(root, 'store'),
    apiToken: join(root, 'api-token'),
    peers: join(root, 'peers.json'),
    api: join(root, 'api.json'),
    friends: join(root, 'friends.json'),
  };
}

/** A peer worth dialling again: its identity proof, where it said it listens, and where we reached it. */
export interface SavedPeer {
  readonly node: NodeRef;
  /** Wall-clock time of the last connection, ISO 8601. */
  readonly lastConnected: string;
}

/** Where a running node's API listens. */
export interface ApiInfo {
  readonly host: string;
  readonly port: number;
  readonly pid: number;
}

/** Creates the directory and its store/ (both 0700, less the umask) if they do not exist. */
export async function prepareDataDir(root: string): Promise<DataDirPaths> {
  const paths = dataDirPaths(root);
  await mkdir(paths.store, { recursive: true, mode: 0o700 });
  return paths;
}

async function writeAtomically(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data, { mode });
  await rename(temporary, path);
}

/** The file's bytes, or undefined when it does not exist. */
async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataDirError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function parseJson(path: string, bytes: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (cause) {
    throw new DataDirError(`${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  throw new DataDirError(`${path} must hold one JSON object`);
}

function checkVersion(path: string, record: Record<string, unknown>, expected: number): void {
  if (record.version !== expected) throw new DataDirError(`${path}: unknown format version ${JSON.stringify(record.version)}, expected ${expected}`);
}

/** The saved identity, or undefined before the first start; `InvalidIdentityError` for a damaged file. */
export async function loadIdentity(paths: DataDirPaths): Promise<NodeIdentity | undefined> {
  const file = await readIfPresent(paths.identity);
  return file === undefined ? undefined : decodeIdentityFile(file);
}

export async function saveIdentity(paths: DataDirPaths, identity: NodeIdentity): Promise<void> {
  await writeAtomically(paths.identity, encodeIdentityFile(identity), 0o600);
}

/** The API token (hex), created on first use. */
export async function loadOrCreateApiToken(paths: DataDirPaths): Promise<string> {
  const existing = await readApiToken(paths);
  if (existing !== undefined) return existing;
  const token = toHex(randomBytes(API_TOKEN_BYTES));
  await writeAtomically(paths.apiToken, `${token}\n`, 0o600);
  return token;
}

/** The API token, or undefined when none was created yet. */
export async function readApiToken(paths: DataDirPaths): Promise<string | undefined> {
  const file = await readIfPresent(paths.apiToken);
  if (file === undefined) return undefined;
  const token = file.toString('utf8').trim();
  if (!new RegExp(`^[0-9a-f]{${API_TOKEN_BYTES * 2}}$`).test(token)) throw new DataDirError(`${paths.apiToken} must hold ${API_TOKEN_BYTES * 2} hex digits`);
  return token;
}

function readSavedPeer(path: string, entry: unknown): SavedPeer {
  const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const { publicKey, powNonce, addresses, lastConnected } = record;
  const isHex = (value: unknown, bytes: number): value is string => typeof value === 'string' && new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(value);
  if (
    !isHex(publicKey, 32) ||
    !isHex(powNonce, 8) ||
    !Array.isArray(addresses) ||
    addresses.some((address) => typeof address !== 'string') ||
    typeof lastConnected !== 'string'
  ) {
    throw new DataDirError(`${path}: every peer needs publicKey (64 hex), powNonce (16 hex), addresses (strings) and lastConnected`);
  }
  return { node: { publicKey: fromHex(publicKey), powNonce: fromHex(powNonce), addresses: addresses as string[] }, lastConnected };
}

/** The saved peers; none before the first save. Throws `DataDirError` for a damaged or unknown-version file. */
export async function loadPeers(paths: DataDirPaths): Promise<SavedPeer[]> {
  const file = await readIfPresent(paths.peers);
  if (file === undefined) return [];
  const record = parseJson(paths.peers, file);
  checkVersion(paths.peers, record, PEERS_FILE_VERSION);
  if (!Array.isArray(record.peers)) throw new DataDirError(`${paths.peers}: "peers" must be a list`);
  return record.peers.map((entry) => readSavedPeer(paths.peers, entry));
}

/** Replaces the saved peers: `{ version: 1, peers: [{ publicKey, powNonce, addresses, lastConnected }] }`. */
export async function savePeers(paths: DataDirPaths, peers: readonly SavedPeer[]): Promise<void> {
  const body = {
    version: PEERS_FILE_VERSION,
    peers: peers.map(({ node, lastConnected }) => ({
      publicKey: toHex(node.publicKey),
      powNonce: toHex(node.powNonce),
      addresses: node.addresses,
      lastConnected,
    })),
  };
  await writeAtomically(paths.peers, `${JSON.stringify(body, null, 2)}\n`, 0o600);
}

/** The saved friends; none before the first is added. Throws `DataDirError` for a damaged or unknown-version file. */
export async function loadFriends(paths: DataDirPaths): Promise<NodeRef[]> {
  const file = await readIfPresent(paths.friends);
  if (file === undefined) return [];
  const record = parseJson(paths.friends, file);
  checkVersion(paths.friends, record, FRIENDS_FILE_VERSION);
  if (!Array.isArray(record.friends) || record.friends.some((entry) => typeof entry !== 'string')) {
    throw new DataDirError(`${paths.friends}: "friends" must be a list of node references`);
  }
  return (record.friends as string[]).map((text) => {
    try {
      return parseNodeRef(text);
    } catch (cause) {
      throw new DataDirError(`${paths.friends}: ${(cause as Error).message}`, { cause });
    }
  });
}

/** Replaces the saved friends: `{ version: 1, friends: ["warren-noderef 1\n…", …] }`. */
export async function saveFriends(paths: DataDirPaths, friends: readonly NodeRef[]): Promise<void> {
  const body = { version: FRIENDS_FILE_VERSION, friends: friends.map(formatNodeRef) };
  await writeAtomically(paths.friends, `${JSON.stringify(body, null, 2)}\n`, 0o600);
}

export async function writeApiInfo(paths: DataDirPaths, info: ApiInfo): Promise<void> {
  await writeAtomically(paths.api, `${JSON.stringify({ version: API_FILE_VERSION, ...info })}\n`, 0o600);
}

/** Where the running node's API listens, or undefined when no node is running on this directory. */
export async function readApiInfo(paths: DataDirPaths): Promise<ApiInfo | undefined> {
  const file = await readIfPresent(paths.api);
  if (file === undefined) return undefined;
  const record = parseJson(paths.api, file);
  checkVersion(paths.api, record, API_FILE_VERSION);
  const { host, port, pid } = record;
  if (typeof host !== 'string' || typeof port !== 'number' || typeof pid !== 'number') throw new DataDirError(`${paths.api}: needs host, port and pid`);
  return { host, port, pid };
}

export async function removeApiInfo(paths: DataDirPaths): Promise<void> {
  await rm(paths.api, { force: true });
}
