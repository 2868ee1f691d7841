import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { formatLs, runCat, runLs } from '../../../../../node/app/cli/cat-command.js';
import { runGet } from '../../../../../node/app/cli/get-command.js';
import { Client } from '../../../../../node/client/client.js';
import { type NodeOverMemory, nodeOverMemory } from './support.js';

const encoder = new TextEncoder();

/** A Writable that keeps what it is given. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

describe('node/app/cli/cat-command', () => {
  let dir: string;
  let node: NodeOverMemory;
  let root: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warren-cat-'));
    node = await nodeOverMemory(dir, 'cat-command');
    const site = [
      { path: 'a.txt', source: encoder.encode('hello, cat') },
      { path: 'sub/b.html', source: encoder.encode('<p>b</p>') },
    ];
    root = (await new Client({ node: node.memory }).insertDirectory(site)).toString();
  });

  after(async () => {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('cat writes a file inside a directory to stdout', async () => {
    const out = collector();
    await runCat(`${root}/a.txt`, { dataDir: node.dataDir }, out.stream);
    assert.equal(out.text(), 'hello, cat');
  });

  it('cat refuses a directory and a URI that does not parse, writing nothing', async () => {
    const out = collector();
    await assert.rejects(runCat(root, { dataDir: node.dataDir }, out.stream), { code: 'ERR_WRONG_KIND' });
    await assert.rejects(runCat('CHK@nonsense', { dataDir: node.dataDir }, out.stream), { code: 'ERR_INVALID_URI' });
    assert.equal(out.text(), '');
  });

  it('ls lists every file under a directory with size and type, as text and as data', async () => {
    const listed = await runLs(root, { dataDir: node.dataDir });
    assert.deepEqual(
      listed.files.map(({ path, size, mime }) => ({ path, size, mime })),
      [
        { path: 'a.txt', size: 10, mime: 'text/plain' },
        { path: 'sub/b.html', size: 8, mime: 'text/html' },
      ],
    );
    assert.equal(formatLs(listed), `10  ${'text/plain'.padEnd(24)}  a.txt\n 8  ${'text/html'.padEnd(24)}  sub/b.html`);
    await assert.rejects(runLs(`${root}/a.txt`, { dataDir: node.dataDir }), { code: 'ERR_WRONG_KIND' });
  });

  it('get -o - refuses a directory (stdout holds one file)', async () => {
    await assert.rejects(runGet(root, { dataDir: node.dataDir, output: '-', json: true }), /this URI names a directory: give -o DIR/);
  });
});
