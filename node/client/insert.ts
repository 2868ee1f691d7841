/**
 * Streaming insert (spec/client.md §2, §3, §5): content is cut into segments as it is read (segment-cutter.ts:
 * two held back, so that the last two share the rest evenly), hashed as it passes, FEC-encoded a segment at a
 * time on the encoding worker and inserted through a bounded window. A segment starts encoding as soon as it
 * is cut, while the blocks of the one before go to the window; the next is read once every block of the
 * earlier ones has a place in the window, so the window stays full while slow inserts finish, and at most the
 * window's blocks, one encoded segment's and three segments of content (two held back, one being encoded) are
 * held, whatever the file size. Then the manifest goes in — split into a splitfile of its own if it does not
 * fit one block. A block insert that fails for a route, a timeout or an overload is tried again, up to three
 * tries; the first block that fails for good ends the whole operation at once (spec/client.md §12.4): blocks
 * in flight are cancelled and nothing more is read.
 *
 *   Inserter.insertFile: source ──SegmentCutter──> encodeSegmentOffThread ──in order──> Window(node.insert) ──> network
 *      └──createHasher──> contentHash ──> FileManifest ──insertManifest──> CHK@… (the file URI)
 */
import { createReadStream } from 'node:fs';
import { createHasher } from '../../protocol/crypto.js';
import { CHK_MAX_CONTENT_BYTES, type ChkBlock, ChkUri, encodeChk } from '../../protocol/keys/index.js';
import { OverloadedError, RequestTimeoutError, RouteNotFoundError } from '../errors.js';
import { encodeManifest, type Layout, type Manifest } from './manifest.js';
import { checkMime } from './mime.js';
import { SegmentCutter } from './segment-cutter.js';
import { encodeSegmentOffThread } from './segment-encoder.js';
import { type Redundancy, type SegmentRef, SHARD_BYTES, segmentCheckBlocks, shardCount, WIDE_FEC_CODE } from './segments.js';
import { type ClientNode, DEFAULT_WINDOW, type OperationOptions, operationSignal } from './types.js';
import { Window } from './window.js';

export const CONTENT_HASH_TAG = 'warren/file-content/v1';

export type InsertProgress =
  | { readonly type: 'segmentEncoded'; readonly segment: number; readonly blocks: number }
  | { readonly type: 'blockInserted'; readonly inserted: number }
  | { readonly type: 'manifestInserted'; readonly uri: string };

export interface InsertOptions extends OperationOptions<InsertProgress> {
  /** Parallel block inserts (default 32). */
  readonly window?: number;
}

/** Bytes, a file path, or a stream of chunks. */
export type ContentSource = Uint8Array | string | AsyncIterable<Uint8Array>;

/**
 * The source's chunks until it ends or `signal` aborts: an abort is thrown at once, not when the next
 * chunk arrives (an upload whose insert has failed is not waited for).
 */
async function* chunksOf(source: ContentSource, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  if (source instanceof Uint8Array) return yield source;
  const iterator = (typeof source === 'string' ? (createReadStream(source) as AsyncIterable<Uint8Array>) : source)[Symbol.asyncIterator]();
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
  });
  aborted.catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      signal.throwIfAborted();
      const next = await Promise.race([iterator.next(), aborted]);
      if (next.done === true) return;
      yield next.value;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Not awaited: a source may still be waiting for its next chunk.
    void iterator.return?.()?.catch(() => undefined);
  }
}

/** Tries a block insert gets before its failure ends the operation (spec/client.md §12.4). */
export const BLOCK_INSERT_ATTEMPTS = 3;

/** Failures that another try may not meet: routes that ran out or timed out, and peers that were overloaded. */
const isTransient = (error: unknown): boolean =>
  error instanceof RouteNotFoundError || error instanceof RequestTimeoutError || error instanceof OverloadedError;

/** Inserts one block made here, trying again after a transient failure, up to BLOCK_INSERT_ATTEMPTS tries in all. */
export async function insertWithRetries(node: ClientNode, block: ChkBlock, signal: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return void (await node.insert(block.routingKey, block.block, { signal, made: 'chk' }));
    } catch (error) {
      if (attempt >= BLOCK_INSERT_ATTEMPTS || signal.aborted || !isTransient(error)) throw error;
    }
  }
}

export interface FileInsert {
  readonly source: ContentSource;
  readonly mime: string;
}

/**
 * One insert operation (a file, or a directory of them): every block goes through one
 * window, and progress counts blocks across the whole operation.
 */
export class Inserter {
  private readonly window: Window;
  /** Aborted by the caller, or with the first block insert's failure. */
  private readonly signal: AbortSignal;
  private readonly failed = new AbortController();
  private inserted = 0;

  constructor(
    private readonly node: ClientNode,
    private readonly redundancy: Redundancy,
    private readonly options: InsertOptions = {},
  ) {
    this.window = new Window(options.window ?? DEFAULT_WINDOW);
    this.signal = operationSignal(options.signal, this.failed.signal);
  }

  /** Inserts a file: its blocks, then its manifest. Returns the manifest's CHK (the file URI, without a name). */
  async insertFile(file: FileInsert): Promise<{ uri: ChkUri; size: number }> {
    checkMime(file.mime);
    const layout = await this.insertLayout(file.source);
    return { uri: await this.insertManifest({ kind: 'file', mime: file.mime, ...layout }), size: layout.size };
  }

  /** Inserts a manifest as one CHK block, or as a split manifest if it is too big for one. */
  async insertManifest(manifest: Manifest): Promise<ChkUri> {
    const encoded = encodeManifest(manifest);
    if (encoded.length > CHK_MAX_CONTENT_BYTES) return this.insertManifest({ kind: 'split', ...(await this.insertLayout(encoded)) });
    const top = encodeChk(encoded);
    await this.insertBlocks([top]);
    const uri = new ChkUri(top.routingKey, top.cryptoKey);
    this.options.onProgress?.({ type: 'manifestInserted', uri: uri.toString() });
    return uri;
  }

  private insertBlocks(blocks: readonly ChkBlock[]): Promise<void> {
    const { signal } = this;
    const { onProgress } = this.options;
    return Promise.all(
      blocks.map((block) =>
        this.window.run(async () => {
          try {
            await insertWithRetries(this.node, block, signal);
          } catch (error) {
            if (!signal.aborted) this.failed.abort(error);
            throw error;
          }
          onProgress?.({ type: 'blockInserted', inserted: ++this.inserted });
        }, signal),
      ),
    ).then(() => undefined);
  }

  /**
   * Reads `source` and inserts its blocks segment by segment (spec/client.md §2): two segments' worth of
   * content is held back, so that the last two segments can share what is left evenly once the source ends.
   */
  private async insertLayout(source: ContentSource): Promise<Layout> {
    const { redundancy, options, window, signal } = this;
    const hasher = createHasher(CONTENT_HASH_TAG);
    const cutter = new SegmentCutter(redundancy.dataBlocksPerSegment * SHARD_BYTES, SHARD_BYTES);
    const segments: SegmentRef[] = [];
    /** Segments whose blocks are not all inserted; a failed one stays, so that the next race throws. */
    const inserting = new Set<Promise<void>>();
    /** Settles once the last segment cut has given all its blocks to the window (or failed to). */
    let handed: Promise<void> = Promise.resolve();
    let size = 0;

    /**
     * Starts encoding `content`, whose blocks go to the window after those of the segments cut before it;
     * resolves once the segment before it has given its blocks, so that the next is read while this one encodes.
     */
    const insertSegment = (content: Uint8Array): Promise<void> => {
      signal.throwIfAborted();
      const encoding = encodeSegmentOffThread(content, segmentCheckBlocks(shardCount(content.length), redundancy));
      encoding.then(
        () => cutter.release(content),
        () => undefined,
      ); // a failure is thrown where the blocks are handed on, below
      const previous = handed;
      handed = previous.then(async () => {
        const encoded = await encoding;
        segments.push(encoded.ref);
        options.onProgress?.({ type: 'segmentEncoded', segment: segments.length - 1, blocks: encoded.blocks.length });
        const current = this.insertBlocks(encoded.blocks);
        inserting.add(current);
        current.then(
          () => inserting.delete(current),
          () => undefined,
        ); // a failure is thrown by the race below or at the end
        // Read on once every block handed to the window has a place in it: memory stays bounded.
        while (window.waiting > 0 && inserting.size > 0) await Promise.race(inserting);
      });
      // Whatever fails here ends the operation at once, even while the source waits for its next chunk.
      handed.catch((error: unknown) => {
        if (!signal.aborted) this.failed.abort(error);
      });
      return previous;
    };

    for await (const chunk of chunksOf(source, signal)) {
      signal.throwIfAborted();
      hasher.update(chunk);
      size += chunk.length;
      for (const segment of cutter.push(chunk)) await insertSegment(segment);
    }
    for (const segment of cutter.finish()) await insertSegment(segment);
    await handed;
    await Promise.all(inserting);
    return { size, contentHash: hasher.digest(), code: WIDE_FEC_CODE, ...redundancy, segments };
  }
}
