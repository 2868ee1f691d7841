/** Helpers shared by the client's tests and the API's: a one-store network double, and directories built by hand. */
import { toHex } from '../../../../protocol/bytes.js';
import { type ChkUri, verifyBlock } from '../../../../protocol/keys/index.js';
import { Inserter } from '../../../../node/client/insert.js';
import type { DirectoryEntry } from '../../../../node/client/manifest.js';
import type { ClientNode, InsertCallOptions } from '../../../../node/client/types.js';
import { DataNotFoundError, InsertCollisionError } from '../../../../node/errors.js';

/** A network of one store: every insert lands, every request finds it or is not found; SSK slots collide. */
export class MemoryClientNode implements ClientNode {
  readonly blocks = new Map<string, Uint8Array>();
  /** While set, inserts wait for it. */
  gate: Promise<void> | undefined;

  async request(routingKey: Uint8Array): Promise<Uint8Array> {
    const block = this.blocks.get(toHex(routingKey));
    if (block === undefined) throw new DataNotFoundError(18);
    return block;
  }

  /** Inserts whose block the client said it made (each checked against its key: a false claim throws). */
  made = 0;

  async insert(routingKey: Uint8Array, block: Uint8Array, options: InsertCallOptions = {}): Promise<{ endedBy: 'htl' }> {
    await this.gate;
    if (options.made !== undefined) {
      if (verifyBlock(routingKey, block) !== options.made) throw new Error(`a block said to be made as ${options.made} is of another kind`);
      this.made++;
    }
    const existing = this.blocks.get(toHex(routingKey));
    if (options.keyType === 'ssk' && existing !== undefined && Buffer.compare(existing, block) !== 0) throw new InsertCollisionError(existing);
    this.blocks.set(toHex(routingKey), block);
    return { endedBy: 'htl' };
  }
}

/** Inserts one directory manifest as given, past every check an inserter makes: what an attacker can store. */
export function insertRawDirectory(node: ClientNode, entries: readonly DirectoryEntry[]): Promise<ChkUri> {
  return new Inserter(node, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 0 }).insertManifest({ kind: 'directory', entries });
}

const names = (width: number): string[] => Array.from({ length: width }, (_, index) => `n${index}`);

/**
 * A directory `depth` levels deep whose every level lists `width` names of the same child: `depth`
 * manifests that list width^depth paths, every one of them the file `leaf` (`size` bytes).
 */
export async function directoryBomb(node: ClientNode, leaf: ChkUri, size: number, width: number, depth: number): Promise<ChkUri> {
  let uri = await insertRawDirectory(
    node,
    names(width).map((name) => ({ name, kind: 'file', uri: leaf, mime: 'application/octet-stream', size })),
  );
  for (let level = 1; level < depth; level++) {
    const child = uri;
    uri = await insertRawDirectory(
      node,
      names(width).map((name) => ({ name, kind: 'directory', uri: child })),
    );
  }
  return uri;
}

/** A chain of `depth` directories, each holding only the next as `a`, the last holding the file `leaf` as `f`. */
export async function directoryChain(node: ClientNode, leaf: ChkUri, depth: number): Promise<ChkUri> {
  let uri = await insertRawDirectory(node, [{ name: 'f', kind: 'file', uri: leaf, mime: 'text/plain', size: 1 }]);
  for (let level = 1; level < depth; level++) uri = await insertRawDirectory(node, [{ name: 'a', kind: 'directory', uri }]);
  return uri;
}
