/**
 * Signed publishing (spec/client.md §7): an SSK block whose content is a pointer to a
 * manifest's CHK, signed by the publisher. USK editions are SSKs named `name-N`;
 * publishing takes the first free edition at or after the one asked for (an insert
 * into a taken slot answers with a collision), and fetching `USK@…/name/N` probes
 * editions N, N+1, … and follows the newest one found.
 *
 *   publish: manifest CHK ──encodePointer──> encodeSsk(seed) ──node.insert(ssk)──> collision? next edition
 *   fetch:   USK/N ──probe N… ──node.request(ssk)──> decodeSsk(P, S, name) ──decodePointer──> CHK
 */
import { compareBytes } from '../../protocol/bytes.js';
import {
  type ChkUri,
  decodeSsk,
  encodeSsk,
  type SskInsertUri,
  type SskUri,
  type SskWriteKeys,
  type UskInsertUri,
  type UskUri,
  uskDocName,
} from '../../protocol/keys/index.js';
import { DataNotFoundError, InsertCollisionError, RequestTimeoutError, RouteNotFoundError } from '../errors.js';
import { EditionNotFoundError } from './errors.js';
import { decodePointer, encodePointer } from './manifest.js';
import type { ClientNode, OperationOptions } from './types.js';

export type PublishProgress = { readonly type: 'editionTaken'; readonly edition: number } | { readonly type: 'published'; readonly uri: string };

export type SignedFetchProgress = { readonly type: 'editionFound'; readonly edition: number } | { readonly type: 'editionMissing'; readonly edition: number };

export interface PublishOptions extends OperationOptions<PublishProgress> {
  /** Taken editions skipped before giving up (default 32). */
  readonly maxEditionSkips?: number;
}

export interface SignedFetchOptions extends OperationOptions<SignedFetchProgress> {
  /** Missing editions in a row after which the search for a newer one stops (default 3). */
  readonly editionGap?: number;
}

/** Inserts the signed pointer for `docName`; false if the slot already holds a different block. */
async function insertPointer(node: ClientNode, keys: SskWriteKeys, docName: string, manifest: ChkUri, signal: AbortSignal | undefined): Promise<boolean> {
  const block = encodeSsk(keys, docName, encodePointer(manifest));
  try {
    await node.insert(block.routingKey, block.block, { keyType: 'ssk', signal, made: 'ssk' });
    return true;
  } catch (error) {
    if (error instanceof InsertCollisionError) return compareBytes(error.existingBlock, block.block) === 0;
    throw error;
  }
}

/** Publishes `manifest` under an SSK; a slot that already points elsewhere is an `InsertCollisionError`. */
export async function publishSsk(node: ClientNode, uri: SskInsertUri, manifest: ChkUri, options: PublishOptions = {}): Promise<SskUri> {
  const keys = uri.writeKeys();
  if (!(await insertPointer(node, keys, uri.docName, manifest, options.signal))) {
    throw new InsertCollisionError(encodeSsk(keys, uri.docName, encodePointer(manifest)).block);
  }
  const published = uri.toRequestUri();
  options.onProgress?.({ type: 'published', uri: published.toString() });
  return published;
}

/** Publishes `manifest` as the first free edition of the USK at or after `uri.edition`. */
export async function publishUsk(node: ClientNode, uri: UskInsertUri, manifest: ChkUri, options: PublishOptions = {}): Promise<UskUri> {
  const maxSkips = options.maxEditionSkips ?? 32;
  const keys = uri.writeKeys();
  for (let edition = uri.edition; edition <= uri.edition + maxSkips; edition++) {
    if (await insertPointer(node, keys, uskDocName(uri.name, edition), manifest, options.signal)) {
      const published = uri.toRequestUri().withEdition(edition);
      options.onProgress?.({ type: 'published', uri: published.toString() });
      return published;
    }
    options.onProgress?.({ type: 'editionTaken', edition });
  }
  throw new RangeError(`editions ${uri.edition}..${uri.edition + maxSkips} are all taken`);
}

const isMiss = (error: unknown): boolean => error instanceof DataNotFoundError || error instanceof RouteNotFoundError || error instanceof RequestTimeoutError;

/** The manifest CHK the publisher signed into this SSK; the block is checked against P, S and the name. */
export async function fetchSskPointer(node: ClientNode, uri: SskUri, signal?: AbortSignal): Promise<ChkUri> {
  const block = await node.request(uri.routingKey, { keyType: 'ssk', signal });
  return decodePointer(decodeSsk(block, uri.keys, uri.docName));
}

/** The newest edition at or after `uri.edition` and the manifest it points to. */
export async function fetchUskPointer(node: ClientNode, uri: UskUri, options: SignedFetchOptions = {}): Promise<{ edition: number; manifest: ChkUri }> {
  const gap = options.editionGap ?? 3;
  let newest: { edition: number; manifest: ChkUri } | undefined;
  for (let edition = uri.edition, misses = 0; misses < gap; edition++) {
    try {
      const manifest = await fetchSskPointer(node, uri.withEdition(edition).toSskUri(), options.signal);
      newest = { edition, manifest };
      misses = 0;
      options.onProgress?.({ type: 'editionFound', edition });
    } catch (error) {
      if (!isMiss(error)) throw error;
      misses++;
      options.onProgress?.({ type: 'editionMissing', edition });
    }
  }
  if (newest === undefined) throw new EditionNotFoundError(uri.edition);
  return newest;
}
