import assert from 'node:assert/strict';
import { StoreFormatError } from '../../../store/errors.js';
import { encodeFormatVersion, FORMAT_VERSION_KEY, SALT_KEY } from '../../../store/layout.js';
import { openStoreFiles } from '../../../store/rocks-open.js';
import { snapshotDatabase, temporaryDirectories, withDatabase } from './rocks-files.js';

const silent = { warn: () => {} };

describe('store/rocks-open', () => {
  const directories = temporaryDirectories('open');
  after(() => directories.cleanup());

  it('writes the format version and a random salt into an empty database, and reads them back', async () => {
    const path = await directories.make();
    const salts = await withDatabase(path, async (db) => {
      const created = await openStoreFiles(db, path, silent);
      const [version, salt] = await db.read([FORMAT_VERSION_KEY, SALT_KEY]);
      assert.deepEqual([...version!], [0, 0, 0, 1]);
      assert.deepEqual(created.records, []);
      const reopened = await openStoreFiles(db, path, silent);
      return [created.cipher.saltBytes, reopened.cipher.saltBytes, Uint8Array.from(salt!)];
    });
    assert.deepEqual(salts[0], salts[1]);
    assert.deepEqual(salts[0], salts[2]);
  });

  it('refuses an unreadable version, a version this build does not know, and a missing salt, changing nothing', async () => {
    const cases: [string, [Uint8Array, Uint8Array][], RegExp][] = [
      [
        'unreadable version',
        [[FORMAT_VERSION_KEY, Uint8Array.of(1)]],
        /written by an unreadable format version; this build reads version 1 — this is not a store/,
      ],
      [
        'version 0',
        [[FORMAT_VERSION_KEY, encodeFormatVersion(0)]],
        /written by format version 0; this build reads version 1 — this is not a store this build can read/,
      ],
      ['no salt', [[FORMAT_VERSION_KEY, encodeFormatVersion(1)]], /has no valid salt; nothing was changed on disk/],
    ];
    for (const [label, puts, message] of cases) {
      const path = await directories.make();
      await withDatabase(path, async (db) => {
        await db.write({ deletes: [], puts });
        const before = await snapshotDatabase(db);
        await assert.rejects(openStoreFiles(db, path, silent), (error: unknown) => error instanceof StoreFormatError && message.test(error.message), label);
        assert.deepEqual(await snapshotDatabase(db), before, label);
      });
    }
  });
});
