/**
 * The API's file endpoints (spec/node.md §3.1): streamed insert and fetch through the client,
 * directory manifests over files already inserted, signed publishing, and the transfers in flight.
 *
 *   POST /v1/files?name=&mime=&k=&m=&id=   body ──Client.insertFile (one segment held)──> {uri, size, mime}
 *   GET  /v1/files/<uri>  [Range, If-Range] ?heal=  Client.resolveFile ──fetchContent──> body (200, or 206 for a range; ETag: the
 *                                          file's CHK, X-Warren-Content-Hash; X-Warren-Edition for a USK)
 *                                          └─ blocks rebuilt ──Healer──> inserted again; the transfer ends after them
 *   POST /v1/directories  {files:[…]}      Client.insertDirectoryOf (every path checked first) ──> {uri}
 *   GET  /v1/directories/<uri>             Client.walk (bounded, spec/client.md §12.1) ──> {files:[{path, uri, mime, size}]}
 *   POST /v1/publish      {insertUri, uri} Client.publish ──> {uri}
 *   POST /v1/reinsert/<uri>  ?id=          Client.reinsert (every block of the file again) ──> {uri, blocks, inserted, failed, mismatched}
 *   GET  /v1/transfers                     Transfers.snapshot ──> {transfers:[…]}
 *
 * Names, MIME types and paths are checked before a body is read or anything is inserted (400).
 * A whole-file answer holds back its last segment until the full-content hash has checked out,
 * so a mismatch cuts the body short instead of completing it. A range answer is checked block by
 * block (every block against the key its manifest names), not by the full-content hash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toHex } from '../../../protocol/bytes.js';
import { type ChkUri, parseInsertUri, parseRequestUri } from '../../../protocol/keys/index.js';
import { Client, type ClientFetchProgress } from '../../client/client.js';
import type { InsertedFile } from '../../client/directory.js';
import { checkFileName } from '../../client/directory-limits.js';
import { checkMime, mimeForName, servedMime } from '../../client/mime.js';
import { checkBlockTotal, type Redundancy, resolveRedundancy, shardCount } from '../../client/segments.js';
import type { Healer } from '../../client/healer.js';
import type { ClientNode } from '../../client/types.js';
import { heldBack, sendStream, sliceFor, trimmed } from './content-stream.js';
import { BadRequestError } from './errors.js';
import { allow, readJson, sendJson } from './http.js';
import { ifRangeHolds, parseRange } from './range.js';
import type { Transfer, Transfers } from './transfers.js';

/** Largest JSON body (a directory listing of a few thousand files). */
const MAX_JSON_BYTES = 4 * 1024 * 1024;

export class FileRoutes {
  private readonly client: Client;

  constructor(
    private readonly node: ClientNode,
    private readonly transfers: Transfers,
    /** Inserts again what fetches had to rebuild; without it (the node's `--no-heal`) nothing is healed. */
    private readonly healer?: Healer | undefined,
  ) {
    this.client = new Client({ node });
  }

  /** Handles the request if its path is one of these endpoints; false otherwise. */
  async route(request: IncomingMessage, response: ServerResponse, url: URL, signal: AbortSignal): Promise<boolean> {
    const { pathname } = url;
    if (pathname === '/v1/files') {
      allow(request, ['POST']);
      await this.insertFile(request, response, url, signal);
    } else if (pathname.startsWith('/v1/files/')) {
      allow(request, ['GET']);
      await this.fetchFile(request, response, uriIn(pathname, '/v1/files/'), url, signal);
    } else if (pathname === '/v1/directories') {
      allow(request, ['POST']);
      await this.insertDirectory(request, response, signal);
    } else if (pathname.startsWith('/v1/directories/')) {
      allow(request, ['GET']);
      await this.listDirectory(response, uriIn(pathname, '/v1/directories/'), signal);
    } else if (pathname === '/v1/publish') {
      allow(request, ['POST']);
      await this.publish(request, response, signal);
    } else if (pathname.startsWith('/v1/reinsert/')) {
      allow(request, ['POST']);
      await this.reinsert(response, uriIn(pathname, '/v1/reinsert/'), url, signal);
    } else if (pathname === '/v1/transfers') {
      allow(request, ['GET']);
      sendJson(response, 200, { transfers: this.transfers.snapshot() });
    } else return false;
    return true;
  }

  private async insertFile(request: IncomingMessage, response: ServerResponse, url: URL, signal: AbortSignal): Promise<void> {
    const name = url.searchParams.get('name') ?? undefined;
    const mime = url.searchParams.get('mime') ?? undefined;
    // Checked before the body is read: the client would refuse them only once the upload has begun.
    if (name !== undefined) checkFileName(name);
    if (mime !== undefined) checkMime(mime);
    const redundancy = redundancyOf(url);
    const client = new Client({ node: this.node }, redundancy);
    const transfer = this.transfers.begin('insert', name ?? '', url.searchParams.get('id'));
    try {
      const declared = request.headers['content-length'];
      if (declared !== undefined && /^\d+$/.test(declared)) transfer.expect({ bytes: Number(declared), blocks: insertBlocks(Number(declared), redundancy) });
      // Not destroyed when the insert stops reading early: the error answer still goes out on this connection.
      const body = request.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>;
      const uri = await client.insertFile(counted(body, transfer), {
        ...(name === undefined ? {} : { name }),
        ...(mime === undefined ? {} : { mime }),
        signal,
        onProgress: (progress) => progress.type === 'blockInserted' && transfer.block(),
      });
      sendJson(response, 200, { uri: uri.toString(), size: transfer.bytesDone, mime: mime ?? mimeForName(name) });
    } catch (error) {
      // The insert stopped before the body's end: the error answer is given and the rest of the body dropped (linger.ts).
      transfer.end(error);
      throw error;
    } finally {
      transfer.end();
    }
  }

  private async fetchFile(request: IncomingMessage, response: ServerResponse, uri: string, url: URL, signal: AbortSignal): Promise<void> {
    const transfer = this.transfers.begin('fetch', uri, url.searchParams.get('id'));
    const session = healOf(url) ? this.healer?.open((counts) => transfer.healing(counts)) : undefined;
    // Present from the start in a fetch the node heals: 0 rebuilt is a finding too.
    if (session !== undefined) transfer.healing(session.status);
    let sent = false;
    try {
      const onProgress = (progress: ClientFetchProgress): void => {
        if (progress.type === 'blockFetched') transfer.block();
      };
      const heal = session ?? false;
      const { uri: file, manifest, edition } = await this.client.resolveFile(uri, { signal, onProgress, heal });
      // The file manifest's CHK names exactly these bytes: a strong entity tag.
      const etag = `"${file.toString()}"`;
      const range = ifRangeHolds(request.headers['if-range'], etag) ? parseRange(request.headers.range, manifest.size) : undefined;
      const slice = range === undefined ? { manifest, skip: 0 } : sliceFor(manifest, range);
      const length = range === undefined ? manifest.size : range.end - range.start + 1;
      transfer.expect({ bytes: length, blocks: slice.manifest.segments.reduce((sum, segment) => sum + segment.dataBlocks.length, 0) });
      const content = this.client.fetchContent(slice.manifest, { signal, onProgress, heal });
      const body = range === undefined ? heldBack(content) : trimmed(content, slice.skip, length);
      const headers: Record<string, string | number> = {
        'content-type': servedMime(manifest.mime),
        'content-length': length,
        'accept-ranges': 'bytes',
        etag,
        // For a caller that assembles the file from ranges: a range is not checked against it here.
        'x-warren-content-hash': toHex(manifest.contentHash),
      };
      if (range !== undefined) headers['content-range'] = `bytes ${range.start}-${range.end}/${manifest.size}`;
      // A USK was followed to its newest edition: say which.
      if (edition !== undefined) headers['x-warren-edition'] = edition;
      await sendStream(response, range === undefined ? 200 : 206, headers, counted(body, transfer));
      sent = true;
    } catch (error) {
      transfer.end(error);
      throw error;
    } finally {
      // Every byte is out: the transfer ends once the blocks it rebuilt are inserted again (or given up).
      if (sent && session !== undefined) void session.settled().then(() => transfer.end());
      else transfer.end();
    }
  }

  /** Every block of the file inserted again; answers the counts once all are in or given up. */
  private async reinsert(response: ServerResponse, uri: string, url: URL, signal: AbortSignal): Promise<void> {
    const transfer = this.transfers.begin('reinsert', uri, url.searchParams.get('id'));
    try {
      const counts = await this.client.reinsert(uri, {
        signal,
        onProgress: (progress) => (progress.type === 'blocksFound' ? transfer.expect({ blocks: progress.blocks }) : transfer.block()),
      });
      sendJson(response, 200, { uri, ...counts });
    } catch (error) {
      transfer.end(error);
      throw error;
    } finally {
      transfer.end();
    }
  }

  private async insertDirectory(request: IncomingMessage, response: ServerResponse, signal: AbortSignal): Promise<void> {
    const body = await readJson(request, MAX_JSON_BYTES);
    if (!Array.isArray(body.files)) throw new BadRequestError('the body must be {"files": [{"path", "uri", "mime", "size"}, …]}');
    const files = body.files.map(insertedFile);
    const uri = await this.client.insertDirectoryOf(files, { signal });
    sendJson(response, 200, { uri: uri.toString() });
  }

  private async listDirectory(response: ServerResponse, uri: string, signal: AbortSignal): Promise<void> {
    const files = [];
    // The entries of a shared directory come back once per path: each URI is written out once.
    const texts = new Map<ChkUri, string>();
    for await (const file of this.client.walk(uri, { signal })) {
      const text = texts.get(file.uri) ?? file.uri.toString();
      texts.set(file.uri, text);
      files.push({ path: file.path.join('/'), uri: text, mime: servedMime(file.mime), size: file.size });
    }
    sendJson(response, 200, { files });
  }

  private async publish(request: IncomingMessage, response: ServerResponse, signal: AbortSignal): Promise<void> {
    const body = await readJson(request, MAX_JSON_BYTES);
    if (typeof body.insertUri !== 'string' || typeof body.uri !== 'string')
      throw new BadRequestError('the body must be {"insertUri": "USK-INSERT@…", "uri": "CHK@…"}');
    const insertUri = parseInsertUri(body.insertUri);
    const target = chkOf(body.uri);
    const published = await this.client.publish(insertUri, target, { signal });
    sendJson(response, 200, { uri: published.toString() });
  }
}

/** The URI after `prefix` in a path: percent-encoded, or written out with its slashes. */
function uriIn(pathname: string, prefix: string): string {
  try {
    return decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    throw new BadRequestError('the URI in the path is not valid percent-encoding');
  }
}

function chkOf(text: string): ChkUri {
  const uri = parseRequestUri(text);
  if (uri.kind !== 'CHK') throw new BadRequestError(`expected the CHK@ URI of a file or directory, got a ${uri.kind} URI`);
  return uri;
}

/** One file of a directory insert; its path is checked with the others' by the client, before anything is inserted. */
function insertedFile(value: unknown): InsertedFile {
  const { path, uri, mime, size } = (value ?? {}) as Record<string, unknown>;
  if (typeof path !== 'string' || typeof uri !== 'string' || typeof mime !== 'string' || !Number.isSafeInteger(size) || (size as number) < 0) {
    throw new BadRequestError('each file is {"path": "a/b.txt", "uri": "CHK@…", "mime": "text/plain", "size": 3}');
  }
  return { path, uri: chkOf(uri), mime: checkMime(mime), size: size as number };
}

/** `heal=0` turns healing off for one fetch; absent or `heal=1`, the node heals (spec/node.md §3.1). */
function healOf(url: URL): boolean {
  const text = url.searchParams.get('heal');
  if (text === null || text === '1') return true;
  if (text === '0') return false;
  throw new BadRequestError(`heal is 0 or 1, got ${JSON.stringify(text.slice(0, 20))}`);
}

function redundancyOf(url: URL): Redundancy {
  const init: { -readonly [K in keyof Redundancy]?: number } = {};
  for (const [param, field] of [
    ['k', 'dataBlocksPerSegment'],
    ['m', 'checkBlocksPerSegment'],
  ] as const) {
    const text = url.searchParams.get(param);
    if (text !== null) init[field] = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  }
  try {
    return resolveRedundancy(init);
  } catch (error) {
    throw new BadRequestError(`k and m: ${(error as Error).message}`);
  }
}

/** Blocks an insert of `size` bytes makes: every segment's data and check blocks, and the manifest. */
function insertBlocks(size: number, redundancy: Redundancy): number {
  if (!Number.isSafeInteger(size) || size < 0) return 0;
  return shardCount(size) + checkBlockTotal(shardCount(size), redundancy) + 1;
}

/** Counts the bytes that pass into the transfer. */
async function* counted(chunks: AsyncIterable<Uint8Array>, transfer: Transfer): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    transfer.bytes(chunk.length);
    yield chunk;
  }
}
