/**
 * Deniability at rest: the files of a RocksDB block store hold no routing key,
 * no 16-byte window of any stored block's content or bytes. Checked on the
 * write-ahead log as the store left it, and again once the data is flushed
 * into table files.
 */
import assert from 'node:assert/strict';
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import RocksDB from 'rocksdb-native';
import { encodeChk } from '../../protocol/keys/chk.js';
import { encodeSsk, sskWriteKeysFromSeed } from '../../protocol/keys/ssk.js';
import { SALT_KEY } from '../../store/layout.js';
import { RocksBlockStore } from '../../store/rocks-block-store.js';
import { temporaryDirectories, withDatabase } from '../unit/store/rocks-files.js';

const WINDOW = 16;

/** Every 16-byte window of `secrets`, indexed by its first four bytes. */
function windowIndex(secrets: readonly Uint8Array[]): Map<number, Buffer[]> {
  const index = new Map<number, Buffer[]>();
  for (const secret of secrets) {
    const bytes = Buffer.from(secret);
    for (let offset = 0; offset + WINDOW <= bytes.length; offset++) {
      const head = bytes.readUInt32BE(offset);
      const list = index.get(head) ?? [];
      list.push(bytes.subarray(offset, offset + WINDOW));
      index.set(head, list);
    }
  }
  return index;
}

/** The files under `directory` that contain any window of `index`. */
async function filesContaining(directory: string, index: Map<number, Buffer[]>): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(directory)) {
    const bytes = await readFile(join(directory, name));
    for (let offset = 0; offset + WINDOW <= bytes.length; offset++) {
      const candidates = index.get(bytes.readUInt32BE(offset));
      if (candidates?.some((window) => bytes.compare(window, 0, WINDOW, offset, offset + WINDOW) === 0)) {
        found.push(`${name} at ${offset}`);
        break;
      }
    }
  }
  return found;
}

describe('RocksBlockStore deniability at rest', function () {
  this.timeout(60_000);
  const directories = temporaryDirectories('deniable');
  after(() => directories.cleanup());

  it('leaves no routing key, content or block bytes in any file', async () => {
    const path = await directories.make();
    const contents = Array.from({ length: 12 }, (_, i) => new TextEncoder().encode(`secret document ${i} `.repeat(40 + i)));
    const publisher = sskWriteKeysFromSeed(new Uint8Array(32).fill(42));
    const encoded = [
      ...contents.slice(0, 8).map((content) => encodeChk(content)),
      ...contents.slice(8).map((content, i) => encodeSsk(publisher, `page ${i}`, content)),
    ];
    const store = await RocksBlockStore.open({}, { path, nodeLocation: 0.5 });
    for (const [i, { routingKey, block }] of encoded.entries()) {
      await store.put(routingKey, block, { partition: i % 2 === 0 ? 'store' : 'cache' });
      await store.get(routingKey);
    }
    await store.close();

    const index = windowIndex([...contents, ...encoded.flatMap(({ routingKey, block }) => [routingKey, block])]);
    assert.deepEqual(await filesContaining(path, index), [], 'write-ahead log as the store left it');
    const copy = `${path}-copy`;
    await cp(path, copy, { recursive: true });
    const [salt] = await withDatabase(copy, (db) => db.read([SALT_KEY]));
    assert.ok((await filesContaining(path, windowIndex([salt!]))).length > 0, 'the scan finds what is there: the salt');

    const db = new RocksDB(path);
    await db.ready();
    await db.flush();
    await db.close();
    assert.ok(
      (await readdir(path)).some((name) => name.endsWith('.sst')),
      'a table file was written',
    );
    assert.deepEqual(await filesContaining(path, index), [], 'after a flush to table files');
  });
});
