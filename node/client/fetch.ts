/**
 * Fetching a splitfile (spec/client.md §9): blocks come through a bounded window,
 * each verified against its routing key and decrypted with its key before use; a
 * segment is decoded as soon as k of its blocks are in (data blocks first, a check
 * block for each one that fails), and the blocks that failed are handed to `heal`
 * (healer.ts: inserted again in the background); segments are yielded in order with at most
 * `lookahead` of them held, and the full-content hash is checked at the end.
 *
 *   manifest ──segments──> fetchSegment ×lookahead ──Window(node.request)──> verify, decrypt
 *                                 └── k blocks in ──decodeSegment──> bytes ──hash──> caller
 *                                                                 └─ blocks that failed ──heal──> healer.ts
 */
import { createHasher, equalBytes } from '../../protocol/crypto.js';
import { decodeChk, verifyChkBlock } from '../../protocol/keys/index.js';
import { WarrenError } from '../../protocol/errors.js';
import { ContentHashMismatchError, InvalidManifestError, MissingBlocksError } from './errors.js';
import { CONTENT_HASH_TAG } from './insert.js';
import { decodeManifest, type Layout, type Manifest } from './manifest.js';
import { type BlockRef, decodeSegment, expectedBlockLength, type FecCode, type SegmentRef } from './segments.js';
import { decodedSegment, type SegmentToHeal } from './healer.js';
import { type ClientNode, DEFAULT_WINDOW, type OperationOptions, operationSignal } from './types.js';
import { Window } from './window.js';

export type FetchProgress =
  | { readonly type: 'manifest'; readonly kind: Manifest['kind'] }
  | { readonly type: 'blockFetched'; readonly segment: number; readonly block: number }
  | { readonly type: 'blockFailed'; readonly segment: number; readonly block: number; readonly reason: string }
  | { readonly type: 'segmentDecoded'; readonly segment: number; readonly checkBlocksUsed: number; readonly rebuilt: number };

export interface FetchOptions extends OperationOptions<FetchProgress> {
  /** Parallel block requests (default 32). */
  readonly window?: number;
  /** Segments fetched ahead of the one being yielded (default: enough to fill the window, ⌈window / k⌉ + 1). */
  readonly lookahead?: number;
  /** Hears every decoded segment some of whose blocks could not be fetched, to insert them again (healer.ts). */
  readonly heal?: ((segment: SegmentToHeal) => void) | undefined;
}

/** Split manifests followed at most, one inside the other. */
export const MAX_SPLIT_DEPTH = 4;
/** Largest manifest a fetch will assemble from a split manifest. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** One verified, decrypted block's content; any failure is a typed error. */
export async function fetchBlock(node: ClientNode, ref: BlockRef, signal?: AbortSignal): Promise<Uint8Array> {
  const block = await node.request(ref.routingKey, { keyType: 'chk', signal });
  verifyChkBlock(ref.routingKey, block);
  return decodeChk(block, ref.cryptoKey);
}

function reasonOf(error: unknown): string {
  return error instanceof WarrenError ? error.code : String(error);
}

/** The segment's content from the first k blocks that arrive intact. */
async function fetchSegment(node: ClientNode, window: Window, code: FecCode, segment: SegmentRef, index: number, options: FetchOptions): Promise<Uint8Array> {
  const refs = [...segment.dataBlocks, ...segment.checkBlocks];
  const needed = segment.dataBlocks.length;
  const contents = new Map<number, Uint8Array>();
  const done = new AbortController();
  const signal = operationSignal(options.signal, done.signal);
  let next = 0;
  const failed: number[] = [];

  await new Promise<void>((resolve, reject) => {
    let lastError: unknown;
    const settled = (): void => {
      if (contents.size === needed) resolve();
      else if (contents.size + failed.length === refs.length) {
        reject(new MissingBlocksError({ segment: index, found: contents.size, needed, total: refs.length }, { cause: lastError }));
      }
    };
    const launch = (): void => {
      const block = next++;
      window
        .run(() => fetchBlock(node, refs[block]!, signal), signal)
        .then((content) => {
          if (content.length !== expectedBlockLength(segment, block)) throw new InvalidManifestError(`block ${block} has the wrong length for its segment`);
          contents.set(block, content);
          options.onProgress?.({ type: 'blockFetched', segment: index, block });
        })
        .catch((error: unknown) => {
          if (contents.size >= needed) return;
          if (options.signal?.aborted) return reject(options.signal.reason);
          failed.push(block);
          lastError = error;
          options.onProgress?.({ type: 'blockFailed', segment: index, block, reason: reasonOf(error) });
          if (next < refs.length) launch();
        })
        .finally(settled);
    };
    for (let i = 0; i < needed; i++) launch();
  }).finally(() => done.abort());

  const checkBlocksUsed = [...contents.keys()].filter((block) => block >= needed).length;
  const data = await decodeSegment(code, segment, contents);
  options.onProgress?.({ type: 'segmentDecoded', segment: index, checkBlocksUsed, rebuilt: failed.length });
  if (failed.length > 0) options.heal?.(decodedSegment(code, segment, data, failed));
  return data;
}

/**
 * The splitfile's content in order, segment by segment; throws `ContentHashMismatchError`
 * after the last segment if the whole does not match the manifest.
 */
export async function* fetchLayout(node: ClientNode, layout: Layout, options: FetchOptions = {}): AsyncGenerator<Uint8Array> {
  const hasher = createHasher(CONTENT_HASH_TAG);
  const windowSize = options.window ?? DEFAULT_WINDOW;
  const window = new Window(windowSize);
  const lookahead = Math.max(1, options.lookahead ?? Math.ceil(windowSize / layout.dataBlocksPerSegment) + 1);
  const stop = new AbortController();
  const scoped = { ...options, signal: operationSignal(options.signal, stop.signal) };
  const pending = new Map<number, Promise<Uint8Array>>();
  const start = (index: number): void => {
    if (index >= layout.segments.length || pending.has(index)) return;
    const fetching = fetchSegment(node, window, layout.code, layout.segments[index]!, index, scoped);
    fetching.catch(() => undefined); // awaited in order below
    pending.set(index, fetching);
  };
  try {
    for (let index = 0; index < layout.segments.length; index++) {
      for (let ahead = index; ahead < index + lookahead; ahead++) start(ahead);
      const data = await pending.get(index)!;
      pending.delete(index);
      hasher.update(data);
      yield data;
    }
  } finally {
    stop.abort();
  }
  if (!equalBytes(hasher.digest(), layout.contentHash)) throw new ContentHashMismatchError();
}

/** The chunks, in one array of `size` bytes (the content's, as its manifest says). */
export async function collect(chunks: AsyncIterable<Uint8Array>, size: number): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let offset = 0;
  for await (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The manifest a CHK names, with split manifests reassembled; never a `split`. */
export async function fetchManifest(node: ClientNode, ref: BlockRef, options: FetchOptions = {}): Promise<Exclude<Manifest, { kind: 'split' }>> {
  let manifest = decodeManifest(await fetchBlock(node, ref, options.signal));
  for (let depth = 0; manifest.kind === 'split'; depth++) {
    if (depth >= MAX_SPLIT_DEPTH || manifest.size > MAX_MANIFEST_BYTES) throw new InvalidManifestError('split manifest is too deep or too large');
    manifest = decodeManifest(await collect(fetchLayout(node, manifest, options), manifest.size));
  }
  options.onProgress?.({ type: 'manifest', kind: manifest.kind });
  return manifest;
}
