/**
 * Re-inserting a whole file (spec/client.md §9.2), what its publisher does to keep it alive: every block
 * of the file — its manifest block, the blocks of a split manifest, every data and check block — is made
 * again from the content fetched (missing blocks rebuilt by the erasure code, as any fetch does), checked
 * against the key its manifest names, and inserted. A block whose insert fails is counted, not fatal; a
 * segment that cannot be rebuilt ends the operation (the file cannot be re-inserted whole).
 *
 *   reinsertFile(CHK of the manifest) ──fetchBlock──> encodeChk (checked against the URI) ──insert
 *     split manifest: reinsertLayout ──> its content decoded ──> … ──> file manifest: reinsertLayout
 *   reinsertLayout: fetchLayout (segment by segment) ──rebuildBlocks(every index)──> Window(insertWithRetries) ──> counts
 */
import { equalBytes } from '../../protocol/crypto.js';
import { type ChkBlock, type ChkUri, encodeChk } from '../../protocol/keys/index.js';
import { InvalidManifestError, WrongKindError } from './errors.js';
import { fetchBlock, fetchLayout, MAX_MANIFEST_BYTES, MAX_SPLIT_DEPTH } from './fetch.js';
import { insertWithRetries } from './insert.js';
import { decodeManifest, type Layout } from './manifest.js';
import { rebuildBlocks } from './rebuild.js';
import { type ClientNode, DEFAULT_WINDOW, type Mutable, type OperationOptions } from './types.js';
import { Window } from './window.js';

export interface ReinsertCounts {
  /** Blocks of the file: manifests, data and check blocks. */
  readonly blocks: number;
  readonly inserted: number;
  /** Blocks whose insert failed after its tries. */
  readonly failed: number;
  /** Blocks not inserted because what was made again does not match the key its manifest names. */
  readonly mismatched: number;
}

export type ReinsertProgress =
  | { readonly type: 'blocksFound'; readonly blocks: number }
  | { readonly type: 'blockReinserted'; readonly inserted: number; readonly failed: number };

export interface ReinsertOptions extends OperationOptions<ReinsertProgress> {
  /** Parallel block requests, and parallel inserts (default 32). */
  readonly window?: number;
}

const NEVER = new AbortController().signal;

class Reinsert {
  readonly counts: Mutable<ReinsertCounts> = { blocks: 0, inserted: 0, failed: 0, mismatched: 0 };
  private readonly window: Window;

  constructor(
    private readonly node: ClientNode,
    private readonly options: ReinsertOptions,
  ) {
    this.window = new Window(options.window ?? DEFAULT_WINDOW);
  }

  found(blocks: number): void {
    this.counts.blocks += blocks;
    this.options.onProgress?.({ type: 'blocksFound', blocks: this.counts.blocks });
  }

  /** Inserts the blocks, each in the window's turn; a failure is counted. */
  async insert(blocks: readonly ChkBlock[]): Promise<void> {
    const { signal } = this.options;
    await Promise.all(
      blocks.map(async (block) => {
        try {
          await this.window.run(() => insertWithRetries(this.node, block, signal ?? NEVER), signal);
          this.counts.inserted++;
        } catch (error) {
          if (signal?.aborted) throw error;
          this.counts.failed++;
        }
        this.options.onProgress?.({ type: 'blockReinserted', inserted: this.counts.inserted, failed: this.counts.failed });
      }),
    );
  }

  /** Fetches the layout segment by segment and inserts every block of each; returns its content when `keep`. */
  async layout(layout: Layout, keep: boolean): Promise<Uint8Array | undefined> {
    this.found(layout.segments.reduce((sum, segment) => sum + segment.dataBlocks.length + segment.checkBlocks.length, 0));
    const kept: Uint8Array[] = [];
    let index = 0;
    for await (const content of fetchLayout(this.node, layout, { signal: this.options.signal, window: this.options.window ?? DEFAULT_WINDOW })) {
      const segment = layout.segments[index++]!;
      const all = Array.from({ length: segment.dataBlocks.length + segment.checkBlocks.length }, (_, block) => block);
      const { blocks, mismatched } = await rebuildBlocks(layout.code, segment, content, all);
      this.counts.mismatched += mismatched;
      await this.insert(blocks);
      if (keep) kept.push(content);
    }
    return keep ? Buffer.concat(kept) : undefined;
  }
}

/** Re-inserts every block of the file whose manifest `uri` names (a CHK, its path ignored); returns the counts. */
export async function reinsertFile(node: ClientNode, uri: ChkUri, options: ReinsertOptions = {}): Promise<ReinsertCounts> {
  const run = new Reinsert(node, options);
  const encoded = await fetchBlock(node, uri, options.signal);
  let manifest = decodeManifest(encoded);
  if (manifest.kind === 'directory') throw new WrongKindError('this URI names a directory: reinsert takes the URI of a file');
  const top = encodeChk(encoded);
  run.found(1);
  if (equalBytes(top.routingKey, uri.routingKey) && equalBytes(top.cryptoKey, uri.cryptoKey)) await run.insert([top]);
  else run.counts.mismatched++;
  for (let depth = 0; manifest.kind === 'split'; depth++) {
    if (depth >= MAX_SPLIT_DEPTH || manifest.size > MAX_MANIFEST_BYTES) throw new InvalidManifestError('split manifest is too deep or too large');
    manifest = decodeManifest((await run.layout(manifest, true))!);
  }
  if (manifest.kind !== 'file') throw new WrongKindError('this URI names a directory: reinsert takes the URI of a file');
  await run.layout(manifest, false);
  return { ...run.counts };
}
