/**
 * `warren status`: finds the running node through its data directory (api.json, api-token),
 * asks its API for the status and prints it for a person (a darknet node's swaps, then healing's totals, last), or as JSON with `--json`.
 */
import type { HealCounts } from '../../client/healer.js';
import type { NodeStatus } from '../api/status.js';
import { fetchStatus } from '../api/client.js';
import type { OperationCounts } from '../api/counters.js';
import type { SwapCounts } from '../../swapping.js';
import { localEndpoint } from './endpoint.js';

const STATUS_TIMEOUT_MS = 10_000;

export async function readStatus(dataDirFlag: string | undefined): Promise<NodeStatus> {
  return fetchStatus(await localEndpoint(dataDirFlag), { signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) });
}

export function bytes(count: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function counts(label: string, { started, succeeded, failed, active, failures }: OperationCounts): string {
  const reasons = Object.entries(failures).map(([code, count]) => `${code} ${count}`);
  const why = reasons.length > 0 ? ` (${reasons.join(', ')})` : '';
  return `${label.padEnd(12)} ${started} started, ${succeeded} succeeded, ${failed} failed${why}, ${active} active`;
}

/** What healing did since start (spec/client.md §9.1), or that it is off. */
function healingLine(healing: HealCounts | undefined): string {
  if (healing === undefined) return `${'healing'.padEnd(12)} off`;
  const { rebuilt, inserted, failed, dropped, mismatched, pending } = healing;
  const counts = `${rebuilt} blocks rebuilt, ${inserted} inserted again, ${failed} failed, ${dropped} dropped, ${mismatched} mismatched`;
  return `${'healing'.padEnd(12)} ${counts}, ${pending} pending`;
}

/** What a darknet node's location swaps came to (spec/routing.md §11.5); nothing for an opennet node. */
function swapLines(swaps: SwapCounts | undefined): string[] {
  if (swaps === undefined) return [];
  const { started, swapped, declined, rejected, resets } = swaps;
  return [`${'swaps'.padEnd(12)} ${started} started, ${swapped} swapped, ${declined} declined, ${rejected} rejected, ${resets} resets`];
}

/** The status as lines of text for a person. */
export function formatStatus(status: NodeStatus): string {
  const { identity, store } = status;
  const swapped = status.swaps === undefined ? '' : 'found by swapping; ';
  const lines = [
    `${'node'.padEnd(12)} ${identity.publicKey}`,
    `${'location'.padEnd(12)} ${identity.location.toFixed(6)} (${swapped}proof of work ${identity.powDifficulty} bits)`,
    `${'addresses'.padEnd(12)} ${status.addresses.join(' ') || '(not listening)'}`,
    `${'uptime'.padEnd(12)} ${status.uptimeSeconds} s`,
    `${'gateway'.padEnd(12)} ${status.gateway ?? 'off'}`,
    `${'peers'.padEnd(12)} ${status.peers.length}`,
    ...status.peers.map(
      (peer) =>
        `  ${peer.id.slice(0, 16)}…  location ${peer.location.toFixed(6)}  in flight ${peer.inFlight}  sent ${peer.stats.requestsSent}  ` +
        `ok ${peer.stats.successes}  timeouts ${peer.stats.timeouts}  overloads ${peer.stats.overloads}  invalid ${peer.stats.invalidBlocks}` +
        (peer.backoffMs > 0 ? `  backed off ${Math.ceil(peer.backoffMs / 1000)} s` : ''),
    ),
    `${'store'.padEnd(12)} ${store.store.blocks} blocks, ${bytes(store.store.bytes)} of ${bytes(store.store.budgetBytes)}`,
    `${'cache'.padEnd(12)} ${store.cache.blocks} blocks, ${bytes(store.cache.bytes)} of ${bytes(store.cache.budgetBytes)}`,
    counts('requests', status.requests.requests),
    counts('inserts', status.requests.inserts),
    `${'routing'.padEnd(12)} ${status.activeTransactions} transactions in flight`,
    ...swapLines(status.swaps),
    healingLine(status.healing),
  ];
  return lines.join('\n');
}
