import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeys } from '../../../../../node/app/cli/keys.js';
import { formatPut, runPut } from '../../../../../node/app/cli/put-command.js';
import { NodeNotRunningError } from '../../../../../node/app/daemon/errors.js';

describe('node/app/cli/put-command', () => {
  let dir: string;
  let file: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warren-put-'));
    file = join(dir, 'a.txt');
    await writeFile(file, 'a');
  });

  after(() => rm(dir, { recursive: true, force: true }));

  it('refuses a request URI as --key, bad FEC counts and a missing path before asking the node', async () => {
    const noNode = join(dir, 'no-node');
    await assert.rejects(runPut(file, { dataDir: noNode, key: generateKeys('site').requestUri.toString() }), { code: 'ERR_REQUEST_URI_FOR_INSERT' });
    await assert.rejects(runPut(file, { dataDir: noNode, key: 'USK-INSERT@abc' }), { code: 'ERR_INVALID_URI' });
    await assert.rejects(runPut(file, { dataDir: noNode, dataBlocks: '300' }), { code: 'ERR_USAGE', message: /--data-blocks 1\.\.255/ });
    await assert.rejects(runPut(file, { dataDir: noNode, checkBlocks: 'six' }), { code: 'ERR_USAGE', message: /--check-blocks must be a whole number/ });
    await assert.rejects(runPut(join(dir, 'missing'), { dataDir: noNode }), { code: 'ERR_USAGE', message: /no such file or directory/ });
    await assert.rejects(runPut(file, { dataDir: noNode, key: generateKeys('site').insertUri.toString() }), NodeNotRunningError);
  });

  it("refuses a directory holding a name the node would refuse before sending any file, with the path's problem", async () => {
    const site = join(dir, 'site');
    await mkdir(join(site, 'docs'), { recursive: true });
    await writeFile(join(site, 'docs', 'line\nbreak.txt'), 'x');
    await assert.rejects(runPut(site, { dataDir: join(dir, 'no-node') }), {
      code: 'ERR_INVALID_PATH',
      message: /"docs\/line\\nbreak\.txt" is not allowed: it contains U\+000a/,
    });
  });

  it('prints the URI to share: the published one with --key, else the CHK', () => {
    assert.equal(formatPut({ uri: 'CHK@x', kind: 'file', size: 1 }), 'CHK@x');
    assert.equal(formatPut({ uri: 'CHK@x', kind: 'file', size: 1, published: 'USK@y/site/0' }), 'USK@y/site/0');
  });
});
