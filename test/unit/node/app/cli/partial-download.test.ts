import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../../../../protocol/bytes.js';
import { hash, randomBytes } from '../../../../../protocol/crypto.js';
import { downloadPaths, keptDownload, PartialDownload, RECORD_EVERY_BYTES } from '../../../../../node/app/cli/partial-download.js';
import { CONTENT_HASH_TAG } from '../../../../../node/client/insert.js';

describe('node/app/cli/partial-download', () => {
  let dir: string;
  let output: string;
  const content = randomBytes(2 * RECORD_EVERY_BYTES + 5);
  const target = { uri: 'CHK@file', etag: '"CHK@file"', size: content.length };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warren-partial-'));
    output = join(dir, 'out.bin');
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** Writes the first `bytes` of the content in chunks of 64 KiB, then abandons the download. */
  const interrupted = async (bytes: number): Promise<void> => {
    const download = await PartialDownload.open(downloadPaths(output), target);
    for (let at = 0; at < bytes; at += 65536) await download.write(content.subarray(at, Math.min(bytes, at + 65536)));
    await download.abandon();
  };

  it('records every RECORD_EVERY_BYTES what the partial file vouches for, and a later download carries the hash on from it', async () => {
    await interrupted(RECORD_EVERY_BYTES + 100_000);
    const paths = downloadPaths(output);
    assert.deepEqual((await readdir(dir)).sort(), ['.out.bin.warren-partial', '.out.bin.warren-resume']);
    const { kept, note } = await keptDownload(paths, 'CHK@file');
    assert.equal(note, undefined);
    assert.equal(kept?.record.bytesDone, RECORD_EVERY_BYTES);
    assert.equal(kept?.record.doneHash, toHex(hash(CONTENT_HASH_TAG, content.subarray(0, RECORD_EVERY_BYTES))));
    const resumed = await PartialDownload.open(paths, target, kept);
    await resumed.write(content.subarray(RECORD_EVERY_BYTES));
    await resumed.finish(output, toHex(hash(CONTENT_HASH_TAG, content)));
    assert.ok(Buffer.from(content).equals(await readFile(output)));
    assert.deepEqual(await readdir(dir), ['out.bin']);
  });

  it('keeps nothing when cut before its first record, and removes both files when the whole does not hash right', async () => {
    await interrupted(RECORD_EVERY_BYTES - 1);
    assert.deepEqual(await readdir(dir), []);
    const download = await PartialDownload.open(downloadPaths(output), target);
    await download.write(content);
    await assert.rejects(download.finish(output, toHex(hash(CONTENT_HASH_TAG, randomBytes(8)))), { code: 'ERR_CONTENT_HASH_MISMATCH' });
    assert.deepEqual(await readdir(dir), []);
  });

  it('says why it starts over: a damaged record, another URI, a partial file shorter than its record', async () => {
    const paths = downloadPaths(output);
    assert.deepEqual(await keptDownload(paths, 'CHK@file'), {}, 'no record: nothing to say');
    await writeFile(paths.record, '{"version": 1, "uri": "CHK@file"');
    assert.match((await keptDownload(paths, 'CHK@file')).note ?? '', /is damaged: starting over/);
    await interrupted(RECORD_EVERY_BYTES + 1);
    assert.match((await keptDownload(paths, 'CHK@other')).note ?? '', /held a download of another URI: starting over/);
    await writeFile(paths.partial, content.subarray(0, 10));
    assert.match((await keptDownload(paths, 'CHK@file')).note ?? '', /is shorter than its record: starting over/);
  });
});
