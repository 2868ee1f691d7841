import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodeSegmentOffThread, OFF_THREAD_MIN_BYTES, segmentEncoderCounts } from '../../../../node/client/segment-encoder.js';
import { type EncodedSegment, encodeSegment, SHARD_BYTES } from '../../../../node/client/segments.js';
import { randomBytes } from '../../../../protocol/crypto.js';
import { eventually } from '../../../support/until.js';

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

/** Encodes `content` off the thread until one call went to the worker (until it is ready, segments are encoded here). */
async function encodedOnWorker(content: Uint8Array, checkBlocks: number, what: string): Promise<EncodedSegment> {
  const before = segmentEncoderCounts().worker;
  return eventually(
    what,
    async () => {
      const result = await encodeSegmentOffThread(content, checkBlocks);
      return segmentEncoderCounts().worker > before ? result : undefined;
    },
    { pollMs: 20 },
  );
}

describe('node/client/segment-encoder', () => {
  it('encodes a segment on the worker, once it is ready, into the very blocks encodeSegment makes here', async function () {
    this.timeout(120_000);
    const content = randomBytes(40 * SHARD_BYTES + 17);
    const expected = await encodeSegment(content, 24);
    const encoded = await encodedOnWorker(content, 24, 'a segment encoded on the worker');
    assert.deepEqual(encoded, expected);
    assert.equal(content.length, 40 * SHARD_BYTES + 17, 'the caller keeps its bytes');
  });

  it('reads a segment in a SharedArrayBuffer in place on the worker, into the blocks encodeSegment makes here', async function () {
    this.timeout(120_000);
    const content = new Uint8Array(new SharedArrayBuffer(24 * SHARD_BYTES));
    content.set(randomBytes(content.length));
    const expected = await encodeSegment(content, 8);
    const encoded = await encodedOnWorker(content, 8, 'a shared segment encoded on the worker');
    assert.deepEqual(encoded, expected);
    assert.equal(content.buffer.byteLength, 24 * SHARD_BYTES, 'shared, not moved: the caller still holds its buffer');
  });

  it('encodes a small segment here, and refuses a code that does not exist before starting anything', async () => {
    const before = segmentEncoderCounts();
    const small = randomBytes(OFF_THREAD_MIN_BYTES - 1);
    assert.deepEqual(await encodeSegmentOffThread(small, 6), await encodeSegment(small, 6));
    assert.equal(segmentEncoderCounts().here, before.here + 1);
    await assert.rejects(encodeSegmentOffThread(randomBytes(OFF_THREAD_MIN_BYTES), 250), RangeError);
  });

  // The process exits by itself only if no thread is left: the timeout is a hang guard.
  it('leaves no thread that keeps the process alive once it has encoded', async function () {
    this.timeout(120_000);
    const script = `
      import { encodeSegmentOffThread, segmentEncoderCounts } from './node/client/segment-encoder.ts';
      const content = new Uint8Array(${OFF_THREAD_MIN_BYTES * 2}).fill(7);
      while (segmentEncoderCounts().worker === 0) await encodeSegmentOffThread(content, 8);
      console.log(JSON.stringify(segmentEncoderCounts().worker));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      timeout: 100_000,
    });
    assert.equal(stdout.trim(), '1');
  });
});
