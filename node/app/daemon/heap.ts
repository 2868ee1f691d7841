/**
 * The V8 heap setting a node process runs with (spec/node.md §4). A node's live JavaScript heap is
 * small (about 25 MB) while hundreds of megabytes of block buffers pass through it, and most of its CPU
 * goes to native code (hashing, encryption, RocksDB, sockets): V8 then sees a slow mutator next to a
 * fast collector and keeps the old generation's limit close to the live heap, so a loaded node marked
 * the whole heap every few hundred milliseconds (10 to 15 full collections per 64 MiB insert, about a
 * fifth of its CPU). Letting the old generation grow to four times its live size after each full
 * collection cuts those to about four, for a peak heap some tens of megabytes larger.
 *
 * V8 reads the setting at every full collection, so it applies from the first one after the call.
 */
import { setFlagsFromString } from 'node:v8';

/** How far past its live size the old generation may grow before the next full collection, in percent. */
export const HEAP_GROWING_PERCENT = 300;

/** Applies the setting to this process (every thread: V8's flags are process-wide); calling it again changes nothing. */
export function configureNodeHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
