import assert from 'node:assert/strict';
import type { TransferStatus } from '../../../../../node/app/api/transfers.js';
import { progressDisplay, progressDisplays } from '../../../../../node/app/cli/transfer-progress.js';

function stream(): NodeJS.WriteStream & { text: string } {
  const sink = {
    isTTY: false,
    text: '',
    write: (chunk: string) => {
      sink.text += chunk;
      return true;
    },
  };
  return sink as unknown as NodeJS.WriteStream & { text: string };
}

const status = (elapsedMs: number, blocksDone: number): TransferStatus => ({
  id: 't1',
  kind: 'insert',
  name: 'a.bin',
  blocksDone,
  blocksTotal: 14,
  bytesDone: 2_000_000,
  bytesTotal: 4_000_000,
  elapsedMs,
});

describe('node/app/cli/transfer-progress', () => {
  it('writes a plain line at most every second when not on a terminal', () => {
    const out = stream();
    const display = progressDisplay(out, 'put a.bin', false);
    display.update(status(500, 3));
    display.update(status(900, 5));
    display.update(status(2_000, 9));
    display.finish();
    assert.equal(out.text, 'put a.bin: 3/14 blocks, 1.9 MiB of 3.8 MiB, 4.00 MB/s\nput a.bin: 9/14 blocks, 1.9 MiB of 3.8 MiB, 1.00 MB/s\n');
  });

  it('writes JSON lines with --json', () => {
    const out = stream();
    progressDisplay(out, 'get', true).update(status(1_000, 7));
    assert.deepEqual(JSON.parse(out.text), { progress: { ...status(1_000, 7), megabytesPerSecond: 2 } });
  });

  it('gives each of several transfers its own labelled lines when not on a terminal', () => {
    const out = stream();
    const displays = progressDisplays(out, false);
    const [a, b] = [displays.display('put docs/a.bin'), displays.display('put docs/b.bin')];
    a.update(status(1_000, 3));
    b.update(status(1_000, 4));
    a.update(status(1_500, 5));
    a.finish();
    b.finish();
    displays.finish();
    assert.equal(out.text, 'put docs/a.bin: 3/14 blocks, 1.9 MiB of 3.8 MiB, 2.00 MB/s\nput docs/b.bin: 4/14 blocks, 1.9 MiB of 3.8 MiB, 2.00 MB/s\n');
  });
});
