/**
 * Insert and fetch traffic through the local APIs of the crash loop's nodes (crash-nodes.ts), kept
 * up without pause while nodes are killed and restarted, and a ledger of every insert it began.
 *
 *   insert worker: random bytes ──Client over a recording node──> URI and every block's routing key
 *                  ──POST /v1/files through a running node──> acknowledged (the URI came back) or not
 *   fetch worker:  an acknowledged insert ──GET /v1/files/<uri> through a running node──> SHA-256 of
 *                  the body: the inserted bytes, other bytes (corrupt), or an error (failed; or cut,
 *                  when the node it went through was killed meanwhile)
 *
 * The routing keys are computed before the insert is sent (the client's encoding is deterministic,
 * and the URI the node answers is checked against it), so a store check knows every block any
 * node may hold, whether the insert was acknowledged or cut short by a kill.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { fromHex, toHex } from '../../protocol/bytes.js';
import { randomBytes } from '../../protocol/crypto.js';
import { type ApiEndpoint, call, fetchFile } from '../../node/app/api/client.js';
import { Client } from '../../node/client/client.js';
import type { SeededRng } from '../../sim/rng.js';
import type { CrashNode, CrashNodes } from './crash-nodes.js';

export interface InsertRecord {
  readonly uri: string;
  /** SHA-256 of the content, hex. */
  readonly digest: string;
  readonly size: number;
  /** Hex routing keys of every block of the file (data, check and manifest blocks). */
  readonly keys: readonly string[];
  /** The node whose API took the insert. */
  readonly via: string;
  /** The node answered with the URI. */
  acknowledged: boolean;
}

type Phase = 'reference' | 'loop';

export interface Tally {
  readonly ok: number;
  /** Failed through a node that kept running, by error code. */
  readonly failed: ReadonlyMap<string, number>;
  /** Cut short because the node they went through was killed. */
  readonly cut: number;
  /**
   * Never expected: fetches whose bytes were not the inserted ones (the client verifies every block),
   * inserts answered with another URI than the file's.
   */
  readonly corrupt: number;
}

export interface TrafficInit {
  readonly inserters: number;
  readonly fetchers: number;
  /** Inserted files are 1 to this many bytes. */
  readonly maxFileBytes: number;
}

/** A hang guard on one operation: no insert or fetch of a small file takes this long on a working network. */
export const OPERATION_GUARD_MS = 120_000;

class MutableTally {
  ok = 0;
  cut = 0;
  corrupt = 0;
  readonly failed = new Map<string, number>();

  fail(error: unknown): void {
    const code = (error as { code?: unknown }).code;
    const key = typeof code === 'string' ? code : (error as Error).name;
    this.failed.set(key, (this.failed.get(key) ?? 0) + 1);
  }
}

/** Failures counted, whatever their code. */
export function failures(tally: Tally): number {
  return [...tally.failed.values()].reduce((sum, count) => sum + count, 0);
}

/** The file's URI and its blocks' routing keys, computed as the node will: the client over a node that only records. */
async function encodeOffline(content: Uint8Array): Promise<{ uri: string; keys: string[] }> {
  const keys: string[] = [];
  const recorder = {
    request: () => Promise.reject(new Error('an insert fetches nothing')),
    insert: (routingKey: Uint8Array) => {
      keys.push(toHex(routingKey));
      return Promise.resolve();
    },
  };
  const uri = await new Client({ node: recorder }).insertFile(content);
  return { uri: uri.toString(), keys };
}

async function readAll(response: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** One fetch of `record` through `endpoint`: whether the bytes are the inserted ones; throws if the fetch failed. */
export async function retrieve(endpoint: ApiEndpoint, record: InsertRecord, signal: AbortSignal): Promise<boolean> {
  return sha256(await readAll(await fetchFile(endpoint, record.uri, { signal }))) === record.digest;
}

export class Traffic {
  /** Every insert begun, acknowledged or not. */
  readonly inserts: InsertRecord[] = [];
  /** Every block routing key of those inserts, by hex. */
  readonly keys = new Map<string, Uint8Array>();
  phase: Phase = 'reference';
  private readonly tallies = { inserts: new Map<Phase, MutableTally>(), fetches: new Map<Phase, MutableTally>() };
  private readonly inFlight = new Map<string, number>();
  private readonly stopping = new AbortController();
  private workers: Promise<void>[] = [];

  constructor(
    private readonly nodes: CrashNodes,
    private readonly rng: SeededRng,
    private readonly init: TrafficInit,
  ) {}

  start(): void {
    this.workers = [
      ...Array.from({ length: this.init.inserters }, () => this.work(() => this.insertOne())),
      ...Array.from({ length: this.init.fetchers }, () => this.work(() => this.fetchOne())),
    ];
  }

  /** Stops the workers, abandoning the operations in flight (not counted). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.workers);
  }

  acknowledged(): InsertRecord[] {
    return this.inserts.filter((record) => record.acknowledged);
  }

  tally(kind: 'inserts' | 'fetches', phase: Phase): Tally {
    return this.tallyOf(kind, phase);
  }

  /** Operations going through `node`'s API now. */
  inFlightVia(node: CrashNode): number {
    return this.inFlight.get(node.name) ?? 0;
  }

  private tallyOf(kind: 'inserts' | 'fetches', phase: Phase): MutableTally {
    const tallies = this.tallies[kind];
    if (!tallies.has(phase)) tallies.set(phase, new MutableTally());
    return tallies.get(phase)!;
  }

  private async work(operation: () => Promise<void>): Promise<void> {
    while (!this.stopping.signal.aborted) await operation();
  }

  /** Runs `body` through a running node, counting its outcome in `kind`'s tally of the phase it began in. */
  private async through(kind: 'inserts' | 'fetches', body: (node: CrashNode, signal: AbortSignal) => Promise<boolean>): Promise<void> {
    const running = this.nodes.running();
    if (running.length === 0) return void (await sleep(100));
    const node = this.rng.pick(running);
    const { generation } = node;
    const tally = this.tallyOf(kind, this.phase);
    this.inFlight.set(node.name, this.inFlightVia(node) + 1);
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(OPERATION_GUARD_MS)]);
    try {
      if (await body(node, signal)) tally.ok += 1;
      else tally.corrupt += 1;
    } catch (error) {
      if (this.stopping.signal.aborted) return;
      if (node.generation !== generation) tally.cut += 1;
      else tally.fail(error);
    } finally {
      this.inFlight.set(node.name, this.inFlightVia(node) - 1);
    }
  }

  private async insertOne(): Promise<void> {
    const content = randomBytes(1 + this.rng.int(this.init.maxFileBytes));
    const { uri, keys } = await encodeOffline(content);
    for (const hex of keys) this.keys.set(hex, fromHex(hex));
    await this.through('inserts', async (node, signal) => {
      const record: InsertRecord = { uri, digest: sha256(content), size: content.length, keys, via: node.name, acknowledged: false };
      this.inserts.push(record);
      const headers = { 'content-length': content.length, 'content-type': 'application/octet-stream' };
      const response = await call(node.endpoint, 'POST', '/v1/files', { body: content, headers, signal });
      // Another URI than the one encoded here would make the ledger's routing keys wrong: counted as corrupt.
      record.acknowledged = (JSON.parse((await readAll(response)).toString()) as { uri: string }).uri === uri;
      return record.acknowledged;
    });
  }

  private async fetchOne(): Promise<void> {
    const acknowledged = this.acknowledged();
    if (acknowledged.length === 0) return void (await sleep(100));
    const record = this.rng.pick(acknowledged);
    await this.through('fetches', (node, signal) => retrieve(node.endpoint, record, signal));
  }
}
