import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../../../../protocol/bytes.js';
import { randomBytes } from '../../../../../protocol/crypto.js';
import { formatReinsert, runReinsert } from '../../../../../node/app/cli/reinsert-command.js';
import { Client } from '../../../../../node/client/client.js';
import { SHARD_BYTES } from '../../../../../node/client/segments.js';
import { RouteNotFoundError } from '../../../../../node/errors.js';
import type { MemoryClientNode } from '../../client/support.js';
import { type NodeOverMemory, nodeOverMemory } from './support.js';

describe('node/app/cli/reinsert-command', () => {
  let dir: string;
  let node: NodeOverMemory;
  let memory: MemoryClientNode;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warren-reinsert-'));
    node = await nodeOverMemory(dir, 'reinsert-command');
    memory = node.memory;
  });

  after(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function storedFile(): Promise<{ uri: string; keys: string[] }> {
    const client = new Client({ node: memory }, { dataBlocksPerSegment: 3, checkBlocksPerSegment: 3 });
    const uri = (await client.insertFile(randomBytes(7 * SHARD_BYTES), { name: 'f.bin' })).toString();
    const { manifest } = await client.resolveFile(uri);
    return { uri, keys: manifest.segments.flatMap((segment) => [...segment.dataBlocks, ...segment.checkBlocks].map((ref) => toHex(ref.routingKey))) };
  }

  it('inserts every block of the file again, the lost ones too, and prints the counts', async () => {
    const { uri, keys } = await storedFile();
    const lost = [keys[0]!, keys.at(-1)!];
    for (const key of lost) memory.blocks.delete(key);
    const answer = await runReinsert(uri, { dataDir: join(dir, 'node'), json: true });
    assert.deepEqual(answer, { uri, blocks: keys.length + 1, inserted: keys.length + 1, failed: 0, mismatched: 0 });
    assert.ok(lost.every((key) => memory.blocks.has(key)));
    assert.equal(formatReinsert(answer), `inserted again ${keys.length + 1} of the ${keys.length + 1} blocks of ${uri}`);
  });

  it('fails with ERR_REINSERT_INCOMPLETE, counting them, when blocks cannot be inserted', async () => {
    const { uri, keys } = await storedFile();
    const insert = memory.insert.bind(memory);
    const refused = keys[2]!;
    memory.insert = (routingKey, block, options) =>
      toHex(routingKey) === refused ? Promise.reject(new RouteNotFoundError(0)) : insert(routingKey, block, options);
    try {
      await assert.rejects(runReinsert(uri, { dataDir: join(dir, 'node') }), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'ERR_REINSERT_INCOMPLETE');
        assert.equal(error.message, `inserted again ${keys.length} of the ${keys.length + 1} blocks of ${uri}: 1 failed`);
        return true;
      });
    } finally {
      memory.insert = insert;
    }
  });
});
