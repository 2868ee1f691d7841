import assert from 'node:assert/strict';
import { temporaryDirectories, withDatabase } from './rocks-files.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('store/rocks-database', () => {
  const directories = temporaryDirectories('database');
  after(() => directories.cleanup());

  it('applies the deletes of a write before its puts, and reads a batch of keys', async () => {
    await withDatabase(await directories.make(), async (db) => {
      await db.write({
        deletes: [],
        puts: [
          [bytes(1, 1), bytes(10)],
          [bytes(1, 2), bytes(20)],
        ],
      });
      await db.write({ deletes: [bytes(1, 1), bytes(1, 2)], puts: [[bytes(1, 2), bytes(21)]] });
      const values = await db.read([bytes(1, 1), bytes(1, 2), bytes(9)]);
      assert.deepEqual(
        values.map((value) => (value === null ? null : [...value])),
        [null, [21], null],
      );
    });
  });

  it('scans a key range, with or without values', async () => {
    await withDatabase(await directories.make(), async (db) => {
      await db.write({
        deletes: [],
        puts: [
          [bytes(0, 9), bytes(1)],
          [bytes(1, 5), bytes(2)],
          [bytes(1, 6), bytes(3)],
          [bytes(2, 0), bytes(4)],
        ],
      });
      const range = { gte: bytes(1), lt: bytes(2) };
      const entries = [];
      for await (const { key, value } of db.scan({ range })) entries.push([[...key], [...value]]);
      assert.deepEqual(entries, [
        [[1, 5], [2]],
        [[1, 6], [3]],
      ]);
      const keys = [];
      for await (const { key, value } of db.scan({ range, values: false })) keys.push([[...key], value.length]);
      let all = 0;
      for await (const _ of db.scan()) all += 1;
      assert.equal(all, 4);
      assert.deepEqual(keys, [
        [[1, 5], 0],
        [[1, 6], 0],
      ]);
    });
  });
});
