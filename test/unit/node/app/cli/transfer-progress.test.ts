import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '../../../../../protocol/crypto.js';
import { type ApiEndpoint, ApiCallError, fetchFile, insertFile } from '../../../../../node/app/api/client.js';
import { CountingOperations } from '../../../../../node/app/api/counters.js';
import { ApiServer } from '../../../../../node/app/api/server.js';
import type { TransferStatus } from '../../../../../node/app/api/transfers.js';
import { type ProgressDisplay, progressDisplay, progressDisplays, transferId, watchTransfer } from '../../../../../node/app/cli/transfer-progress.js';
import { silentLogger, SystemClock } from '../../../../../node/components.js';
import { MemoryNetworkNode, TOKEN } from '../api/support.js';

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
  it('writes a plain line at most every second when not on a terminal, and the last state at the end', () => {
    const out = stream();
    const display = progressDisplay(out, 'put a.bin', false);
    display.update(status(500, 3));
    display.update(status(900, 5));
    display.update(status(2_000, 9));
    display.update(status(2_500, 14));
    display.finish();
    assert.equal(
      out.text,
      'put a.bin: 3/14 blocks, 1.9 MiB of 3.8 MiB, 4.00 MB/s\nput a.bin: 9/14 blocks, 1.9 MiB of 3.8 MiB, 1.00 MB/s\n' +
        'put a.bin: 14/14 blocks, 1.9 MiB of 3.8 MiB, 0.80 MB/s\n',
    );
  });

  it('shows blocks only for a re-insert, which moves no content through the API', () => {
    const out = stream();
    const display = progressDisplay(out, 'reinsert', false);
    display.update({ ...status(1_000, 7), kind: 'reinsert', bytesDone: 0, bytesTotal: 0 });
    display.finish();
    assert.equal(out.text, 'reinsert: 7/14 blocks\n');
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
    assert.equal(
      out.text,
      'put docs/a.bin: 3/14 blocks, 1.9 MiB of 3.8 MiB, 2.00 MB/s\nput docs/b.bin: 4/14 blocks, 1.9 MiB of 3.8 MiB, 2.00 MB/s\n' +
        'put docs/a.bin: 5/14 blocks, 1.9 MiB of 3.8 MiB, 1.33 MB/s\n',
    );
  });

  describe('watchTransfer, over the API', () => {
    let api: ApiServer;
    let endpoint: ApiEndpoint;
    let root: string;

    before(async () => {
      root = await mkdtemp(join(tmpdir(), 'warren-progress-'));
      const operations = new CountingOperations(new MemoryNetworkNode() as never);
      const status = undefined as never;
      api = new ApiServer(
        { node: status, store: status, identity: status, operations, clock: new SystemClock(), logger: silentLogger, addresses: () => [] },
        { token: TOKEN, port: 0 },
      );
      await api.start();
      endpoint = { url: `http://127.0.0.1:${api.port}`, token: TOKEN };
    });

    after(async () => {
      await api.stop();
      await rm(root, { recursive: true, force: true });
    });

    function recording(): ProgressDisplay & { updates: TransferStatus[]; finished: boolean } {
      const display = {
        updates: [] as TransferStatus[],
        finished: false,
        update: (status: TransferStatus) => display.updates.push(status),
        finish: () => (display.finished = true),
      };
      return display;
    }

    it("shows a put's progress from the node's event stream, ending on the finished state", async () => {
      const path = join(root, 'a.bin');
      const size = 3 * 32744;
      await writeFile(path, randomBytes(size));
      const display = recording();
      const id = transferId();
      const answer = await watchTransfer(endpoint, id, display, () => insertFile(endpoint, { path, size, name: 'a.bin', id, k: 3, m: 2 }));
      assert.match(answer.uri, /^CHK@/);
      assert.ok(display.finished);
      assert.ok(display.updates.every((status) => status.id === id));
      const blocks = display.updates.map((status) => status.blocksDone);
      assert.deepEqual(
        blocks,
        [...blocks].sort((a, b) => a - b),
        'blocks only go up',
      );
      const last = display.updates.at(-1)!;
      assert.deepEqual([last.blocksDone, last.blocksTotal, last.bytesDone, last.bytesTotal], [3 + 2 + 1, 3 + 2 + 1, size, size]);
    });

    it("fails with the transfer's error, and finishes the display", async () => {
      const display = recording();
      const id = transferId();
      const missing = 'CHK@ENxEAYieXFniMyLK5XpeNnkyUDwfRi9LfVa3fpfAqhkU,AYhysJWvieqMeNR96gGbKv4pHGqggEMwNJLVjqapevaV,1/a.txt';
      await assert.rejects(
        watchTransfer(endpoint, id, display, () => fetchFile(endpoint, missing, { id })),
        (error: unknown) => error instanceof ApiCallError && error.code === 'ERR_DATA_NOT_FOUND',
      );
      assert.ok(display.finished);
    });
  });
});
