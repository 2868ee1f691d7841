/**
 * The headless node (spec/node.md): one call wires a data directory into a running node.
 *
 *   start:  data dir ─> identity (load, or mint with progress) ─> api-token ─> peers.json
 *           ─> RocksBlockStore at the node's location ─> TcpTransport ─> Node.start (opennet
 *           identity and limits) ─> ApiServer + api.json ─> GatewayServer (unless off, spec/gateway.md)
 *           ─> friends.json, the friends dialled (friends.ts) ─> Node.join(saved peers, seeds) (background);
 *           in darknet mode instead: the friends are the transport's admission, location swapping with them
 *           (Node's swapping init, node/swapping.ts), no join
 *   peers.json (opennet peers, no friends): saved once joined, within a second of one it does not list connecting, every 5 min
 *   stop:   join, timer ─> gateway ─> API ─> peers.json (Node.knownPeers while links are up, merged with
 *           the saved ones) ─> Node.stop (fails local operations, closes links, stops the
 *           transport) ─> store close (writes what is pending)
 *
 * Each started part pushes its own teardown, so a start that fails half-way (or is aborted)
 * undoes exactly what it did, in reverse order, and `stop` is the same list run to the end.
 *
 * Logs: once the identity is known every line carries `node` (its id as peers' lines name it), and
 * each part its `component`: daemon, store, net, api, gateway, and the node's own (node/node.ts).
 */
import { toHex } from '../../../protocol/bytes.js';
import { mintIdentity, type MintProgress } from '../../../protocol/identity-mint.js';
import { verifyIdentityProof, type NodeIdentity } from '../../../protocol/identity.js';
import { RocksBlockStore } from '../../../store/rocks-block-store.js';
import { StoreOpenError } from '../../../store/errors.js';
import { API_HOST, ApiServer } from '../api/server.js';
import { CountingOperations } from '../api/counters.js';
import { GatewayServer } from '../gateway/server.js';
import { Healer } from '../../client/healer.js';
import { type Clock, CryptoRng, type Logger, type Rng, SystemClock, type TimerHandle } from '../../components.js';
import { peerText } from '../../log-fields.js';
import { TcpTransport } from '../../net/tcp-transport.js';
import { Node } from '../../node.js';
import { NoPeersError } from '../../errors.js';
import type { DaemonConfig } from './config.js';
import {
  type DataDirPaths,
  loadIdentity,
  loadOrCreateApiToken,
  loadPeers,
  prepareDataDir,
  removeApiInfo,
  type SavedPeer,
  saveIdentity,
  savePeers,
  writeApiInfo,
} from './data-dir.js';
import { DataDirError, DataDirLockedError, IdentityTooWeakError } from './errors.js';
import { mergeKnownPeers } from './known-peers.js';
import { Friends } from './friends.js';

export interface DaemonComponents {
  /** The root logger (the CLI passes pino): each part logs through a child of it. */
  readonly logger: Logger;
  /** Default: SystemClock. */
  readonly clock?: Clock;
  /** Default: CryptoRng. */
  readonly rng?: Rng;
  /** Shows the progress of minting the identity on first start. Default: none. */
  readonly mintProgress?: MintProgressReporter;
}

export interface MintProgressReporter {
  readonly onProgress: (progress: MintProgress) => void;
  /** Minting ended, however it ended: a progress bar is removed before the next log line. */
  finish(): void;
}

export interface DaemonInit extends DaemonConfig {
  /** Aborts starting (minting included); once started, use `stop`. */
  readonly signal?: AbortSignal;
  /** How often peers.json is rewritten while running. Default 5 min. */
  readonly peersSaveIntervalMs?: number;
  /** First wait before joining again when no saved peer or seed answered; doubled up to 60 s. Default 5 s. */
  readonly joinRetryMs?: number;
}

export interface Daemon {
  readonly identity: NodeIdentity;
  readonly node: Node;
  /** Addresses peers can dial. */
  readonly addresses: readonly string[];
  readonly apiUrl: string;
  /** The web gateway's address, e.g. http://127.0.0.1:7402/; undefined when it is off. */
  readonly gatewayUrl: string | undefined;
  /** Stops everything in order and saves the known peers; safe to call twice. */
  stop(): Promise<void>;
}

export const DEFAULT_PEERS_SAVE_INTERVAL_MS = 300_000;
export const DEFAULT_JOIN_RETRY_MS = 5_000;
/** How often the connected peers are compared with the saved ones, to save a new one (spec/node.md §2). */
const NEW_PEER_CHECK_MS = 1_000;
/** The longest wait between joins: the opennet's maintenance period. */
const MAX_JOIN_RETRY_MS = 60_000;

type Teardown = () => Promise<void> | void;

async function runTeardowns(teardowns: Teardown[], logger: Logger): Promise<void> {
  let first: unknown;
  for (const teardown of teardowns.splice(0).reverse()) {
    try {
      await teardown();
    } catch (error) {
      logger.warn({ err: error }, 'a part of the node did not stop cleanly');
      first ??= error;
    }
  }
  if (first !== undefined) throw first;
}

async function loadOrMintIdentity(paths: DataDirPaths, components: DaemonComponents, init: DaemonInit): Promise<NodeIdentity> {
  const existing = await loadIdentity(paths);
  if (existing !== undefined) {
    const proof = verifyIdentityProof(existing, 0);
    if (proof.leadingZeroBits < init.powDifficulty) throw new IdentityTooWeakError(paths.identity, proof.leadingZeroBits, init.powDifficulty);
    return existing;
  }
  components.logger.info({ difficulty: init.powDifficulty }, 'minting a node identity (first start): proof of work, once');
  let identity: NodeIdentity;
  try {
    identity = await mintIdentity({ difficulty: init.powDifficulty, signal: init.signal, onProgress: components.mintProgress?.onProgress });
  } finally {
    components.mintProgress?.finish();
  }
  await saveIdentity(paths, identity);
  return identity;
}

async function openStore(paths: DataDirPaths, logger: Logger, init: DaemonInit, location: number): Promise<RocksBlockStore> {
  try {
    return await RocksBlockStore.open(
      { logger },
      { path: paths.store, nodeLocation: location, storeBudgetBytes: init.storeBytes, cacheBudgetBytes: init.cacheBytes },
    );
  } catch (error) {
    if (error instanceof StoreOpenError && /\bLOCK\b/.test(error.message)) throw new DataDirLockedError(paths.root, { cause: error });
    throw error;
  }
}

async function loadSavedPeers(paths: DataDirPaths, logger: Logger): Promise<SavedPeer[]> {
  try {
    return await loadPeers(paths);
  } catch (error) {
    if (!(error instanceof DataDirError)) throw error;
    logger.warn({ reason: error.message }, 'saved peers ignored');
    return [];
  }
}

interface JoinPlan {
  readonly saved: readonly SavedPeer[];
  readonly seeds: readonly string[];
  /** Saves the peers: once linked to some, and again once the announcement is over. */
  readonly save: () => Promise<void>;
  readonly retryMs: number;
}

/**
 * Joins the opennet in the background, saving the peers as soon as some answered and again when
 * the announcement is over (a node killed before its first periodic save still rejoins without
 * seeds, even while its announcement is still travelling). While no saved peer or seed answers and no peer
 * dialled in, it joins again after a wait doubling up to a minute: the node's maintenance
 * timer redials seeds but not saved peers, and a node restarted without seeds has only those.
 */
function joinInBackground(node: Node, plan: JoinPlan, clock: Clock, logger: Logger, signal: AbortSignal): void {
  let retry: TimerHandle | undefined;
  signal.addEventListener('abort', () => retry?.cancel(), { once: true });
  const save = (): void => {
    if (!signal.aborted) plan.save().catch((error: unknown) => logger.warn({ err: error }, 'could not save peers'));
  };
  const attempt = (retryMs: number): void => {
    node.join({ peers: plan.saved.map((peer) => peer.node), seeds: plan.seeds, signal, onLinked: save }).then(
      (joined) => {
        logger.info({ ...joined, peers: node.peers.size }, 'joined the network');
        save();
      },
      (error: unknown) => {
        if (signal.aborted) return;
        if (!(error instanceof NoPeersError)) return logger.warn({ err: error }, 'joining the network failed');
        logger.warn({ reason: error.message, retryInMs: retryMs }, 'no saved peer or seed reachable: joining again later');
        retry = clock.setTimer(retryMs, () => {
          // Still no opennet peer (friends are none): join again.
          if (node.knownPeers().length === 0) attempt(Math.min(2 * retryMs, MAX_JOIN_RETRY_MS));
        });
      },
    );
  };
  attempt(plan.retryMs);
}

/** Starts a node on the data directory; rejects (having undone everything) if any part fails. */
export async function startDaemon(components: DaemonComponents, init: DaemonInit): Promise<Daemon> {
  const clock = components.clock ?? new SystemClock();
  const rng = components.rng ?? new CryptoRng();
  const teardowns: Teardown[] = [];
  let logger = components.logger.child({ component: 'daemon' });
  try {
    const paths = await prepareDataDir(init.dataDir);
    const identity = await loadOrMintIdentity(paths, { ...components, logger }, init);
    const root = components.logger.child({ node: peerText(toHex(identity.publicKey)) });
    const log = (component: string): Logger => root.child({ component });
    logger = log('daemon');
    logger.info({ publicKey: toHex(identity.publicKey), location: identity.location }, 'identity');
    const token = await loadOrCreateApiToken(paths);
    const saved = await loadSavedPeers(paths, logger);
    init.signal?.throwIfAborted();

    const store = await openStore(paths, log('store'), init, identity.location);
    teardowns.push(async () => {
      await store.close();
      logger.info({}, 'block store closed');
    });
    const { darknet } = init;
    const friends = await Friends.load({ paths, clock, logger: log('friends') }, init);
    const transport = new TcpTransport(
      { identity, clock, logger: log('net'), ...(darknet ? { admission: friends.list } : {}) },
      { listen: init.listen, powDifficulty: init.powDifficulty },
    );
    const node = new Node(
      // Friends in either mode: at an opennet node (a mixed one) they stay outside the opennet's rules.
      { transport, store, clock, rng, logger: root, friends: friends.list },
      {
        location: identity.location,
        // A darknet node offers itself to nobody: without an identity to offer, path folding and announcements carry none.
        ...(darknet ? {} : { identity: { publicKey: identity.publicKey, powNonce: identity.nonce } }),
        powDifficulty: init.powDifficulty,
        maxPeers: init.maxPeers,
        minPeers: init.minPeers,
        // A darknet node finds its location by swapping with its friends (spec/routing.md §11.5); any other keeps its identity's.
        ...(darknet ? { swapping: { startEveryMs: init.swapIntervalMs } } : {}),
      },
    );
    await node.start();
    teardowns.push(() => node.stop());
    // Saved before the node stops, while its links are up; the previous list is kept for peers not
    // connected now. One save at a time: they share a temporary file.
    let known = saved;
    let saving = Promise.resolve();
    const saveKnownPeers = (): Promise<void> => {
      const save = async (): Promise<void> => {
        known = mergeKnownPeers(node.knownPeers(), known, new Date());
        await savePeers(paths, known);
      };
      saving = saving.then(save, save);
      return saving;
    };
    teardowns.push(saveKnownPeers);

    const operations = new CountingOperations(node);
    // Healing inserts are the node's own inserts, counted with the others (spec/client.md §9.1).
    const healer = init.heal ? new Healer({ node: operations }) : undefined;
    // Set once the gateway runs (after the API: its dashboard reads the API's status and transfers).
    let gatewayUrl: string | undefined;
    const api = new ApiServer(
      { node, store, identity, operations, healer, clock, logger: log('api'), addresses: () => transport.addresses, gatewayUrl: () => gatewayUrl, friends },
      { token, port: init.apiPort },
    );
    await api.start();
    teardowns.push(() => api.stop());
    // Stopped before the API: fetches still healing end their transfers.
    if (healer !== undefined) teardowns.push(() => healer.stop());
    await writeApiInfo(paths, { host: API_HOST, port: api.port, pid: process.pid });
    teardowns.push(() => removeApiInfo(paths));
    const apiUrl = `http://${API_HOST}:${api.port}`;
    if (init.gatewayPort !== 'off') {
      const gateway = new GatewayServer({ operations, healer, clock, logger: log('gateway'), dashboard: () => api.dashboard() }, { port: init.gatewayPort });
      await gateway.start();
      teardowns.push(() => gateway.stop());
      gatewayUrl = gateway.url;
      logger.info({ url: gatewayUrl }, 'web gateway: open it in a browser');
    }
    init.signal?.throwIfAborted();

    friends.start(node, transport);
    teardowns.push(() => friends.stop());
    const joining = new AbortController();
    teardowns.push(() => joining.abort());
    if (!darknet)
      joinInBackground(
        node,
        { saved, seeds: init.seeds, save: saveKnownPeers, retryMs: init.joinRetryMs ?? DEFAULT_JOIN_RETRY_MS },
        clock,
        logger,
        joining.signal,
      );
    const interval = init.peersSaveIntervalMs ?? DEFAULT_PEERS_SAVE_INTERVAL_MS;
    let timer = clock.setTimer(interval, function savePeriodically() {
      saveKnownPeers().catch((error: unknown) => logger.warn({ err: error }, 'could not save peers'));
      timer = clock.setTimer(interval, savePeriodically);
    });
    teardowns.push(() => timer.cancel());
    // A peer that dialled in is saved within a second, not only at the next periodic save: a node whose
    // peers all came to it (a seed: it joins through nobody) rejoins through them after a crash.
    let watch = clock.setTimer(NEW_PEER_CHECK_MS, function saveNewPeers() {
      const listed = new Set(known.map((peer) => toHex(peer.node.publicKey)));
      if (node.knownPeers().some((peer) => !listed.has(toHex(peer.publicKey)))) {
        saveKnownPeers().catch((error: unknown) => logger.warn({ err: error }, 'could not save peers'));
      }
      watch = clock.setTimer(NEW_PEER_CHECK_MS, saveNewPeers);
    });
    teardowns.push(() => watch.cancel());

    logger.info({ addresses: transport.addresses, api: apiUrl, gateway: gatewayUrl ?? 'off', dataDir: paths.root }, 'node running');
    return {
      identity,
      node,
      addresses: transport.addresses,
      apiUrl,
      gatewayUrl,
      stop: async () => {
        logger.info({}, 'stopping');
        await runTeardowns(teardowns, logger);
        logger.info({}, 'stopped');
      },
    };
  } catch (error) {
    await runTeardowns(teardowns, logger).catch(() => undefined);
    throw error;
  }
}
