/**
 * The block stores of stopped loopback nodes (client-network.ts), opened straight from their data
 * directories: to read a file's manifest while the nodes are down, delete its blocks from every store,
 * and count which are there again.
 *
 *   readManifest(dirs, uri) ──Client over the stores──> FileManifest
 *   deleteEverywhere(dirs, keys) / presentAnywhere(dirs, keys) ──RocksBlockStore.open each──> delete / get
 */
import { join } from 'node:path';
import { Client } from '../../node/client/client.js';
import type { FileManifest } from '../../node/client/manifest.js';
import type { SegmentRef } from '../../node/client/segments.js';
import { DataNotFoundError } from '../../node/errors.js';
import { RocksBlockStore } from '../../store/rocks-block-store.js';

/** The stores of stopped nodes, opened from their data directories. */
async function openStores(dirs: readonly string[]): Promise<RocksBlockStore[]> {
  return Promise.all(dirs.map((dir) => RocksBlockStore.open({}, { path: join(dir, 'store'), nodeLocation: 0, cryptoWorkers: 0 })));
}

/** Runs `use` over the stores of the stopped nodes, and closes them. */
async function withStores<T>(dirs: readonly string[], use: (stores: readonly RocksBlockStore[]) => Promise<T>): Promise<T> {
  const stores = await openStores(dirs);
  try {
    return await use(stores);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

/** The manifest of the file `uri` names, read from the stores themselves while the nodes are down. */
export function readManifest(dirs: readonly string[], uri: string): Promise<FileManifest> {
  return withStores(dirs, async (stores) => {
    const client = new Client({
      node: {
        async request(routingKey) {
          for (const store of stores) {
            const block = await store.get(routingKey);
            if (block !== undefined) return block;
          }
          throw new DataNotFoundError(0);
        },
        insert: () => Promise.reject(new Error('read only')),
      },
    });
    return (await client.resolveFile(uri)).manifest;
  });
}

/** The routing keys of a segment's blocks: data first, then check. */
export function blocksOfSegment(segment: SegmentRef): Uint8Array[] {
  return [...segment.dataBlocks, ...segment.checkBlocks].map((block) => block.routingKey);
}

export function deleteEverywhere(dirs: readonly string[], routingKeys: readonly Uint8Array[]): Promise<void> {
  return withStores(dirs, async (stores) => {
    for (const store of stores) for (const key of routingKeys) await store.delete(key);
  });
}

/** Those of the routing keys whose block is in at least one of the stores. */
export function presentAnywhere(dirs: readonly string[], routingKeys: readonly Uint8Array[]): Promise<Uint8Array[]> {
  return withStores(dirs, async (stores) => {
    const present: Uint8Array[] = [];
    for (const key of routingKeys) {
      for (const store of stores) {
        if ((await store.get(key)) === undefined) continue;
        present.push(key);
        break;
      }
    }
    return present;
  });
}
