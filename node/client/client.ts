/**
 * The client (spec/client.md): files, directories and signed publishing on top of one
 * node. Every operation takes an AbortSignal and reports typed progress.
 *
 *   insertFile / insertDirectory / insertDirectoryOf (over inserted files) ──> insert.ts, directory.ts ──> CHK@…
 *   publish(SSK-INSERT@…|USK-INSERT@…, CHK@…) ──> publish.ts
 *   resolve(CHK@…|SSK@…|USK@…[/path]) ──SSK/USK: publish.ts──> CHK ──path: directory.ts──> file or directory
 *   fetch(uri) ──resolve──> fetch.ts fetchLayout ──> bytes, in order   (resumable downloads to disk: the CLI, over the API's ranges)
 *                                  └─ blocks rebuilt ──healer.ts (if given)──> inserted again in the background
 *   reinsert(uri) ──resolve──> reinsert.ts: every block of the file made again and inserted ──> counts
 */
import { type AnyInsertUri, ChkUri, parseRequestUri, type RequestUri, type SskUri, type UskUri } from '../../protocol/keys/index.js';
import { checkFileName } from './directory-limits.js';
import { WrongKindError } from './errors.js';
import {
  type DirectoryFile,
  filesOnDisk,
  insertDirectory,
  insertDirectoryOf,
  type InsertedFile,
  resolvePath,
  type Resolved,
  type WalkedFile,
  walkDirectory,
} from './directory.js';
import type { Healer, HealSession } from './healer.js';
import { fetchLayout, type FetchOptions, type FetchProgress } from './fetch.js';
import { type ContentSource, Inserter, type InsertOptions } from './insert.js';
import type { FileManifest } from './manifest.js';
import { mimeForName } from './mime.js';
import { type ReinsertCounts, type ReinsertOptions, reinsertFile } from './reinsert.js';
import { fetchSskPointer, fetchUskPointer, publishSsk, publishUsk, type PublishOptions, type SignedFetchProgress } from './publish.js';
import { type Redundancy, resolveRedundancy } from './segments.js';
import { type ClientNode, DEFAULT_WINDOW, type OperationOptions } from './types.js';

export interface ClientComponents {
  readonly node: ClientNode;
  /** Inserts again, in the background, the blocks fetches had to rebuild (healer.ts); without it nothing is healed. */
  readonly healer?: Healer | undefined;
}

export interface ClientInit extends Partial<Redundancy> {
  /** Parallel block requests or inserts per operation (default 32). */
  readonly window?: number;
  /** Segments fetched ahead of the one being written out (default: enough to fill the window). */
  readonly lookahead?: number;
  /** Missing USK editions in a row that end the search for a newer one (default 3). */
  readonly editionGap?: number;
}

export type ClientFetchProgress = FetchProgress | SignedFetchProgress;
export interface ClientFetchOptions extends OperationOptions<ClientFetchProgress> {
  /** The healing account of this fetch; `false`: heal nothing. Default: a new one of the client's healer, if it has one. */
  readonly heal?: HealSession | false | undefined;
}

export interface FileInsertOptions extends Omit<InsertOptions, 'window'> {
  /** Recorded in the URI as its file name, and used to pick the MIME type. */
  readonly name?: string;
  /** Default: from the name's extension, else application/octet-stream. */
  readonly mime?: string;
}

export type ResolvedUri = Resolved & {
  /** For a USK: the edition that was followed. */
  readonly edition?: number;
};

export class Client {
  private readonly node: ClientNode;
  private readonly healer: Healer | undefined;
  private readonly redundancy: Redundancy;
  private readonly window: number;
  private readonly lookahead: number | undefined;
  private readonly editionGap: number;

  constructor(components: ClientComponents, init: ClientInit = {}) {
    this.node = components.node;
    this.healer = components.healer;
    this.redundancy = resolveRedundancy(init);
    this.window = init.window ?? DEFAULT_WINDOW;
    this.lookahead = init.lookahead;
    this.editionGap = init.editionGap ?? 3;
  }

  /** Inserts a file; returns its URI (`CHK@…[/name]`). The name and MIME type are checked before the content is read. */
  async insertFile(source: ContentSource, options: FileInsertOptions = {}): Promise<ChkUri> {
    if (options.name !== undefined) checkFileName(options.name);
    const mime = options.mime ?? mimeForName(options.name);
    const { uri } = await new Inserter(this.node, this.redundancy, { ...options, window: this.window }).insertFile({ source, mime });
    return options.name === undefined ? uri : new ChkUri(uri.routingKey, uri.cryptoKey, [options.name]);
  }

  /** Inserts a directory: files with their paths, or a directory on disk. Returns the root's URI. */
  async insertDirectory(files: readonly DirectoryFile[] | string, options: Omit<InsertOptions, 'window'> = {}): Promise<ChkUri> {
    const list = typeof files === 'string' ? await filesOnDisk(files) : files;
    return insertDirectory(new Inserter(this.node, this.redundancy, { ...options, window: this.window }), list);
  }

  /** Inserts the directory manifests over files already inserted (`insertFile`); returns the root's URI. */
  insertDirectoryOf(files: readonly InsertedFile[], options: Omit<InsertOptions, 'window'> = {}): Promise<ChkUri> {
    return insertDirectoryOf(new Inserter(this.node, this.redundancy, { ...options, window: this.window }), files);
  }

  /** Signs `target` (a file or directory URI; its path is not part of the pointer) into the SSK, or into the next free USK edition. */
  publish(insertUri: AnyInsertUri, target: ChkUri, options: PublishOptions = {}): Promise<SskUri | UskUri> {
    return insertUri.kind === 'SSK-INSERT' ? publishSsk(this.node, insertUri, target, options) : publishUsk(this.node, insertUri, target, options);
  }

  /** Follows a URI — through the publisher's signature for SSK/USK, then its path — to a file or directory. */
  async resolve(uri: RequestUri | string, options: ClientFetchOptions = {}): Promise<ResolvedUri> {
    const parsed = typeof uri === 'string' ? parseRequestUri(uri) : uri;
    const fetchOptions = this.fetchOptions(options);
    switch (parsed.kind) {
      case 'CHK':
        return resolvePath(this.node, new ChkUri(parsed.routingKey, parsed.cryptoKey), parsed.path, fetchOptions);
      case 'SSK': {
        const manifest = await fetchSskPointer(this.node, parsed, options.signal);
        return resolvePath(this.node, manifest, parsed.path, fetchOptions);
      }
      case 'USK': {
        const { edition, manifest } = await fetchUskPointer(this.node, parsed, { ...options, editionGap: this.editionGap });
        return { ...(await resolvePath(this.node, manifest, parsed.path, fetchOptions)), edition };
      }
    }
  }

  /** The file a URI names, with its manifest. */
  async resolveFile(uri: RequestUri | string, options: ClientFetchOptions = {}): Promise<Extract<ResolvedUri, { kind: 'file' }>> {
    const resolved = await this.resolve(uri, options);
    if (resolved.kind !== 'file') throw new WrongKindError('this URI names a directory; give a path to one of its files');
    return resolved;
  }

  /** The content of the file a URI names, streamed in order; the full-content hash is checked at the end. */
  async *fetch(uri: RequestUri | string, options: ClientFetchOptions = {}): AsyncGenerator<Uint8Array> {
    const { manifest } = await this.resolveFile(uri, options);
    yield* this.fetchContent(manifest, options);
  }

  /** The content of a file manifest (or of some of its segments: a byte range), streamed in order. */
  fetchContent(manifest: FileManifest, options: ClientFetchOptions = {}): AsyncGenerator<Uint8Array> {
    return fetchLayout(this.node, manifest, this.fetchOptions(options));
  }

  /**
   * Inserts again every block of the file a URI names — its manifests, data and check blocks — made again
   * from what is fetched (spec/client.md §9.2); for a publisher keeping a file alive.
   */
  async reinsert(uri: RequestUri | string, options: Omit<ReinsertOptions, 'window'> = {}): Promise<ReinsertCounts> {
    const { uri: manifest } = await this.resolveFile(uri, { signal: options.signal, heal: false });
    return reinsertFile(this.node, manifest, { signal: options.signal, onProgress: options.onProgress, window: this.window });
  }

  /** Every file under a directory URI, with its path relative to it; within the limits of spec/client.md §12.1. */
  async *walk(uri: RequestUri | string, options: ClientFetchOptions = {}): AsyncGenerator<WalkedFile> {
    const resolved = await this.resolve(uri, options);
    if (resolved.kind !== 'directory') throw new WrongKindError('this URI names a file, not a directory');
    yield* walkDirectory(this.node, resolved.manifest, this.fetchOptions(options));
  }

  private fetchOptions(options: ClientFetchOptions): FetchOptions {
    const heal = options.heal === false ? undefined : (options.heal ?? this.healer?.open());
    return {
      signal: options.signal,
      onProgress: options.onProgress,
      heal: heal === undefined ? undefined : (segment) => heal.offer(segment),
      window: this.window,
      ...(this.lookahead === undefined ? {} : { lookahead: this.lookahead }),
    };
  }
}
