/**
 * Counts the requests and inserts made through the local API: started, succeeded,
 * failed (with the error code), and in flight. Wraps the node; the routing code is untouched.
 */
import type { InsertResult } from '../../inserts.js';
import type { OperationOptions } from '../../local.js';
import type { Node } from '../../node.js';

export interface OperationCounts {
  started: number;
  succeeded: number;
  failed: number;
  active: number;
  /** Failures by error code, e.g. ERR_DATA_NOT_FOUND. */
  readonly failures: Record<string, number>;
}

export interface OperationCounters {
  readonly requests: OperationCounts;
  readonly inserts: OperationCounts;
}

const zero = (): OperationCounts => ({ started: 0, succeeded: 0, failed: 0, active: 0, failures: {} });

export class CountingOperations {
  private readonly counts: OperationCounters = { requests: zero(), inserts: zero() };

  constructor(private readonly node: Pick<Node, 'request' | 'insert'>) {}

  request(routingKey: Uint8Array, options: OperationOptions): Promise<Uint8Array> {
    return this.count(this.counts.requests, this.node.request(routingKey, options));
  }

  insert(routingKey: Uint8Array, block: Uint8Array, options: OperationOptions): Promise<InsertResult> {
    return this.count(this.counts.inserts, this.node.insert(routingKey, block, options));
  }

  snapshot(): OperationCounters {
    const copy = (counts: OperationCounts): OperationCounts => ({ ...counts, failures: { ...counts.failures } });
    return { requests: copy(this.counts.requests), inserts: copy(this.counts.inserts) };
  }

  private async count<T>(counts: OperationCounts, operation: Promise<T>): Promise<T> {
    counts.started++;
    counts.active++;
    try {
      const result = await operation;
      counts.succeeded++;
      return result;
    } catch (error) {
      counts.failed++;
      const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'ERR_OTHER';
      counts.failures[code] = (counts.failures[code] ?? 0) + 1;
      throw error;
    } finally {
      counts.active--;
    }
  }
}
