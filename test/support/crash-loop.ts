/**
 * The crash-safety loop (spec/store.md §7.1), shared by test/adversarial/crash-safety.test.ts and
 * `bench/attacks.ts crash`: real `warren node` processes on loopback under continuous insert and
 * fetch traffic, one of them SIGKILLed at a seeded random moment, its store checked, restarted on
 * its data directory, and the acknowledged inserts retrieved again, kill after kill.
 *
 *   CrashLoop.start ──> CrashNodes (crash-nodes.ts) ──> Traffic.start (crash-traffic.ts): the reference phase
 *   run(kills), each kill:
 *     seeded delay ──SIGKILL the victim (seed, node-1, … in turn)──> checkStore (crash-store-check.ts)
 *     ──restart──> store open, rejoined ──> retrieve the acknowledged inserts not yet retrieved and a
 *     seeded sample of those with a block on the victim ──> KillRecord
 *   then the traffic stops and every acknowledged insert is retrieved once more ──> CrashReport
 *
 * An insert is acknowledged when its API call answered with the URI; one whose call was cut by a
 * kill (of the node it went through) is not, and may or may not be retrievable. An acknowledged
 * insert is lost when no running node can retrieve its exact bytes within `RETRIEVE_GUARD_MS`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SeededRng } from '../../sim/rng.js';
import { type ComeBack, type CrashNode, CrashNodes } from './crash-nodes.js';
import { checkStore, type StoreCheck } from './crash-store-check.js';
import { type InsertRecord, OPERATION_GUARD_MS, retrieve, type Tally, Traffic, type TrafficInit } from './crash-traffic.js';

export interface CrashLoopInit {
  /** Seeds the kill moments, the samples and the traffic's choices. */
  readonly seed: string | number;
  /** Nodes on loopback (default 4). */
  readonly nodes?: number;
  /** Each kill comes this long after the previous kill's checks ended, uniformly drawn (default 0.5–4 s). */
  readonly killWindowMs?: readonly [number, number];
  /** Traffic before the first kill: the same run's reference (default 10 s). */
  readonly referenceMs?: number;
  readonly traffic?: TrafficInit;
  /** Inserts with a block on the victim, already retrieved once, retrieved again after its restart (default 16). */
  readonly sample?: number;
}

export interface KillRecord {
  /** 1, 2, … */
  readonly kill: number;
  readonly victim: string;
  readonly delayMs: number;
  /** API calls going through the victim when it was killed. */
  readonly inFlight: number;
  readonly store: Omit<StoreCheck, 'held'>;
  /** Acknowledged inserts with a block in the victim's store. */
  readonly holding: number;
  readonly comeBack: ComeBack;
  /** Acknowledged inserts retrieved after the restart. */
  readonly retrieved: number;
  /** Acknowledged inserts that could not be, with why. */
  readonly lost: readonly string[];
}

export interface CrashReport {
  readonly kills: readonly KillRecord[];
  readonly begun: number;
  readonly acknowledged: number;
  /** Acknowledged inserts not retrievable at the end, when every one was retrieved once more. */
  readonly lost: readonly string[];
  readonly inserts: Readonly<Record<'reference' | 'loop', Tally>>;
  readonly fetches: Readonly<Record<'reference' | 'loop', Tally>>;
  readonly referenceSeconds: number;
  readonly loopSeconds: number;
  /** Warnings the nodes' block stores logged while running (repairs, damaged blocks): none expected. */
  readonly storeWarnings: readonly string[];
}

/** How long an acknowledged insert may take to be retrieved before it counts as lost (a hang guard, not a figure). */
const RETRIEVE_GUARD_MS = 180_000;
/** Retrievals at once when checking. */
const RETRIEVE_PARALLEL = 4;

const DEFAULT_TRAFFIC: TrafficInit = { inserters: 3, fetchers: 3, maxFileBytes: 64 * 1024 };

export class CrashLoop {
  private readonly rng: SeededRng;
  private readonly retrieved = new Set<InsertRecord>();
  private readonly startedAt = performance.now();

  private constructor(
    private readonly nodes: CrashNodes,
    private readonly traffic: Traffic,
    private readonly init: CrashLoopInit,
  ) {
    this.rng = new SeededRng(init.seed).fork('kills');
  }

  /** Starts the nodes under `root` and the traffic; `stop` undoes both. */
  static async start(root: string, init: CrashLoopInit): Promise<CrashLoop> {
    const nodes = await CrashNodes.start(root, init.nodes ?? 4);
    const traffic = new Traffic(nodes, new SeededRng(init.seed).fork('traffic'), init.traffic ?? DEFAULT_TRAFFIC);
    traffic.start();
    return new CrashLoop(nodes, traffic, init);
  }

  /** The reference phase, `kills` kills and the final retrieval of every acknowledged insert. `onKill` hears each kill's record. */
  async run(kills: number, onKill: (record: KillRecord) => void = () => undefined): Promise<CrashReport> {
    await sleep(this.init.referenceMs ?? 10_000);
    const loopStartedAt = performance.now();
    this.traffic.phase = 'loop';
    const records: KillRecord[] = [];
    for (let kill = 1; kill <= kills; kill++) {
      const record = await this.killOnce(kill, this.nodes.all[(kill - 1) % this.nodes.all.length]!);
      records.push(record);
      onKill(record);
    }
    const loopSeconds = (performance.now() - loopStartedAt) / 1000;
    await this.traffic.stop();
    const acknowledged = this.traffic.acknowledged();
    const lost = await this.retrieveAll(acknowledged, 0);
    return {
      kills: records,
      begun: this.traffic.inserts.length,
      acknowledged: acknowledged.length,
      lost,
      inserts: { reference: this.traffic.tally('inserts', 'reference'), loop: this.traffic.tally('inserts', 'loop') },
      fetches: { reference: this.traffic.tally('fetches', 'reference'), loop: this.traffic.tally('fetches', 'loop') },
      referenceSeconds: (loopStartedAt - this.startedAt) / 1000,
      loopSeconds,
      storeWarnings: this.nodes.storeWarnings,
    };
  }

  async stop(): Promise<void> {
    await this.traffic.stop();
    await this.nodes.stop();
  }

  private async killOnce(kill: number, victim: CrashNode): Promise<KillRecord> {
    const [low, high] = this.init.killWindowMs ?? [500, 4_000];
    const delayMs = Math.round(low + this.rng.next() * (high - low));
    await sleep(delayMs);
    const inFlight = this.traffic.inFlightVia(victim);
    await this.nodes.kill(victim);
    const { held, ...store } = await checkStore(victim.dataDir, victim.location, new Map(this.traffic.keys));
    const comeBack = await this.nodes.restart(victim);
    const acknowledged = this.traffic.acknowledged();
    const holding = acknowledged.filter((record) => record.keys.some((key) => held.has(key)));
    const again = this.rng.shuffle(holding.filter((record) => this.retrieved.has(record))).slice(0, this.init.sample ?? 16);
    const check = [...acknowledged.filter((record) => !this.retrieved.has(record)), ...again];
    const lost = await this.retrieveAll(check, victim.index);
    return { kill, victim: victim.name, delayMs, inFlight, store, holding: holding.length, comeBack, retrieved: check.length - lost.length, lost };
  }

  /** Retrieves each insert, `RETRIEVE_PARALLEL` at once, starting with the node `first`; what could not be, with why. */
  private async retrieveAll(records: readonly InsertRecord[], first: number): Promise<string[]> {
    const lost: string[] = [];
    const queue = [...records];
    const worker = async (): Promise<void> => {
      for (let record = queue.shift(); record !== undefined; record = queue.shift()) {
        const why = await this.retrieveOne(record, first);
        if (why === undefined) this.retrieved.add(record);
        else lost.push(`${record.uri} (${record.size} bytes, through ${record.via}): ${why}`);
      }
    };
    await Promise.all(Array.from({ length: RETRIEVE_PARALLEL }, worker));
    return lost;
  }

  /** Tries the running nodes in turn from `first` until one returns the inserted bytes; why not, if none did in time. */
  private async retrieveOne(record: InsertRecord, first: number): Promise<string | undefined> {
    const deadline = performance.now() + RETRIEVE_GUARD_MS;
    let why = 'no node was running';
    for (let attempt = 0; performance.now() < deadline; attempt++) {
      const running = this.nodes.running();
      const node = running.find((candidate) => candidate.index === (first + attempt) % this.nodes.all.length) ?? running[attempt % running.length];
      if (node !== undefined) {
        try {
          if (await retrieve(node.endpoint, record, AbortSignal.timeout(OPERATION_GUARD_MS))) return undefined;
          return `other bytes than were inserted, through ${node.name}`;
        } catch (error) {
          why = `${(error as { code?: string }).code ?? (error as Error).name}: ${(error as Error).message} (last through ${node.name})`;
        }
      }
      await sleep(1_000);
    }
    return why;
  }
}
