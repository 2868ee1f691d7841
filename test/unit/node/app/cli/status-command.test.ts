import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeStatus } from '../../../../../node/app/api/status.js';
import { ApiCallError } from '../../../../../node/app/api/client.js';
import { formatStatus, readStatus } from '../../../../../node/app/cli/status-command.js';
import { NodeNotRunningError } from '../../../../../node/app/daemon/errors.js';

const counts = { started: 3, succeeded: 2, failed: 1, active: 0, failures: { ERR_DATA_NOT_FOUND: 1 } };
const STATUS: NodeStatus = {
  identity: { publicKey: 'ab'.repeat(32), location: 0.25, powDifficulty: 24 },
  addresses: ['/ip4/192.0.2.7/tcp/7400'],
  uptimeSeconds: 61,
  peers: [
    {
      id: 'cd'.repeat(32),
      location: 0.5,
      uptimeSeconds: 30,
      backoffMs: 1500,
      inFlight: 2,
      stats: { requestsSent: 9, insertBlocksSent: 3, successes: 7, timeouts: 1, overloads: 0, invalidBlocks: 0 },
    },
  ],
  store: { store: { blocks: 2, bytes: 65_536, budgetBytes: 1024 ** 3 }, cache: { blocks: 0, bytes: 0, budgetBytes: 1024 ** 3 }, corruptRemoved: 0 },
  requests: { requests: counts, inserts: { ...counts, failures: {} } },
  activeTransactions: 4,
};

describe('node/app/cli/status-command', () => {
  it('prints the status for a person', () => {
    const text = formatStatus(STATUS);
    assert.match(text, new RegExp(`^node {9}${'ab'.repeat(32)}$`, 'm'));
    assert.match(text, /^location {5}0\.250000 \(proof of work 24 bits\)$/m);
    assert.match(text, /^peers {8}1$/m);
    assert.match(text, /^ {2}cdcdcdcdcdcdcdcd… {2}location 0\.500000 {2}in flight 2 {2}sent 9 {2}ok 7 {2}timeouts 1 .* backed off 2 s$/m);
    assert.match(text, /^store {8}2 blocks, 64\.0 KiB of 1\.0 GiB$/m);
    assert.match(text, /^requests {5}3 started, 2 succeeded, 1 failed \(ERR_DATA_NOT_FOUND 1\), 0 active$/m);
    assert.match(text, /^routing {6}4 transactions in flight$/m);
    assert.match(text, /^healing {6}off$/m);
    const healing = { rebuilt: 7, inserted: 5, failed: 1, dropped: 0, mismatched: 0, pending: 1 };
    assert.match(formatStatus({ ...STATUS, healing }), /^healing {6}7 blocks rebuilt, 5 inserted again, 1 failed, 0 dropped, 0 mismatched, 1 pending$/m);
    assert.doesNotMatch(text, /^swaps/m);
    const darknet = formatStatus({ ...STATUS, swaps: { started: 9, swapped: 3, declined: 4, rejected: 2, resets: 0 } });
    assert.match(darknet, /^swaps {8}9 started, 3 swapped, 4 declined, 2 rejected, 0 resets$/m);
    assert.match(darknet, /^location .*\(found by swapping; proof of work/m);
  });

  it('says no node is running when the data directory has no api.json, or the API does not answer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warren-status-'));
    try {
      await assert.rejects(readStatus(dir), (error: unknown) => error instanceof NodeNotRunningError && /no node is running on/.test(error.message));
      await writeFile(join(dir, 'api.json'), JSON.stringify({ version: 1, host: '127.0.0.1', port: 1, pid: 1 }));
      await writeFile(join(dir, 'api-token'), 'ef'.repeat(32));
      await assert.rejects(readStatus(dir), (error: unknown) => error instanceof ApiCallError && error.code === 'ERR_API_UNREACHABLE');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
