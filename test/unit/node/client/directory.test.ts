import assert from 'node:assert/strict';
import { randomBytes } from '../../../../protocol/crypto.js';
import type { ChkUri } from '../../../../protocol/keys/index.js';
import { type InsertedFile, insertDirectory, insertDirectoryOf, resolvePath, walkDirectory, type WalkedFile } from '../../../../node/client/directory.js';
import { MAX_DEPTH, MAX_DIRECTORY_ENTRIES, MAX_WALK_BYTES, MAX_WALK_ENTRIES } from '../../../../node/client/directory-limits.js';
import { DirectoryLimitError, InvalidMimeError, InvalidPathError } from '../../../../node/client/errors.js';
import { fetchManifest } from '../../../../node/client/fetch.js';
import { Inserter } from '../../../../node/client/insert.js';
import type { DirectoryManifest, FileManifest } from '../../../../node/client/manifest.js';
import { SHARD_BYTES } from '../../../../node/client/segments.js';
import { directoryBomb, directoryChain, insertRawDirectory, MemoryClientNode } from './support.js';

const redundancy = { dataBlocksPerSegment: 6, checkBlocksPerSegment: 1 };
const ref = () => ({ routingKey: randomBytes(32), cryptoKey: randomBytes(32) });

/** A node that counts the blocks asked of it. */
class CountingNode extends MemoryClientNode {
  requests = 0;
  override request(routingKey: Uint8Array): Promise<Uint8Array> {
    this.requests++;
    return super.request(routingKey);
  }
}

async function rootOf(node: MemoryClientNode, uri: ChkUri): Promise<DirectoryManifest> {
  const manifest = await fetchManifest(node, uri);
  assert.equal(manifest.kind, 'directory');
  return manifest;
}

/** Every file a walk yields, or the error that ended it with how many came before. */
async function walkAll(node: MemoryClientNode, uri: ChkUri): Promise<{ files: WalkedFile[]; error?: unknown }> {
  const files: WalkedFile[] = [];
  try {
    for await (const file of walkDirectory(node, await rootOf(node, uri))) files.push(file);
    return { files };
  } catch (error) {
    return { files, error };
  }
}

/** The manifest of a file of `size` bytes whose blocks were never inserted: what a walk reads of it is all there is. */
async function hollowFile(node: MemoryClientNode, size: number): Promise<ChkUri> {
  const k = 6;
  const segments = [];
  for (let offset = 0; offset < size; offset += k * SHARD_BYTES) {
    const dataLength = Math.min(k * SHARD_BYTES, size - offset);
    segments.push({ dataLength, dataBlocks: Array.from({ length: Math.ceil(dataLength / SHARD_BYTES) }, ref), checkBlocks: [] });
  }
  const manifest: FileManifest = {
    kind: 'file',
    size,
    mime: 'application/octet-stream',
    contentHash: randomBytes(32),
    code: 1,
    dataBlocksPerSegment: k,
    checkBlocksPerSegment: 0,
    segments,
  };
  return new Inserter(node, redundancy).insertManifest(manifest);
}

const someFile = (path: string, uri: ChkUri, size = 1): InsertedFile => ({ path, uri, mime: 'text/plain', size });

describe('node/client/directory', () => {
  let node: CountingNode;
  let leaf: ChkUri;

  beforeEach(async () => {
    node = new CountingNode();
    ({ uri: leaf } = await new Inserter(node, redundancy).insertFile({ source: new TextEncoder().encode('x'), mime: 'text/plain' }));
  });

  it('inserts a tree, leaves first, and walks it back depth first in name order', async () => {
    const files = ['b.txt', 'a/z.txt', 'a/b/c.txt', 'a/b/d.txt', 'c/e.txt'].map((path) => ({ path, source: new TextEncoder().encode(path) }));
    const root = await insertDirectory(new Inserter(node, redundancy), files);
    const { files: walked, error } = await walkAll(node, root);
    assert.equal(error, undefined);
    assert.deepEqual(
      walked.map((file) => [file.path.join('/'), file.mime, file.size]),
      [
        ['a/b/c.txt', 'text/plain', 9],
        ['a/b/d.txt', 'text/plain', 9],
        ['a/z.txt', 'text/plain', 7],
        ['b.txt', 'text/plain', 5],
        ['c/e.txt', 'text/plain', 7],
      ],
    );
  });

  it('refuses a bad path, a duplicate, a name both file and directory, and a bad MIME type before inserting anything', async () => {
    const before = node.blocks.size;
    const refusals: Array<[InsertedFile[], RegExp]> = [
      [[someFile('../x', leaf)], /'\.\.' is reserved/],
      [[someFile('a/./x', leaf)], /'\.' is reserved/],
      [[someFile('/x', leaf)], /empty name/],
      [[someFile('a//x', leaf)], /empty name/],
      [[someFile('a/', leaf)], /empty name/],
      [[someFile('', leaf)], /empty name/],
      [[someFile('a\u0000b', leaf)], /U\+0000/],
      [[someFile('a\nb', leaf)], /U\+000a/],
      [[someFile('x', leaf), someFile('x', leaf)], /given twice/],
      [[someFile('a/x', leaf), someFile('a', leaf)], /given twice, or is also a directory/],
      [[someFile('a', leaf), someFile('a/x', leaf)], /'a' is both a file and a directory/],
      [
        [
          someFile(
            Array(MAX_DEPTH + 1)
              .fill('a')
              .join('/'),
            leaf,
          ),
        ],
        /65 names deep; the limit is 64/,
      ],
      [[someFile(Array(17).fill('n'.repeat(250)).join('/'), leaf)], /the limit is 4096/],
    ];
    for (const [files, message] of refusals) {
      await assert.rejects(insertDirectoryOf(new Inserter(node, redundancy), files), (error: Error) => {
        assert.ok(error instanceof InvalidPathError, `${error.name}: ${error.message}`);
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n/, 'one line');
        return true;
      });
    }
    await assert.rejects(insertDirectoryOf(new Inserter(node, redundancy), [{ ...someFile('x', leaf), mime: 'text/plain\r\nx: y' }]), InvalidMimeError);
    assert.equal(node.blocks.size, before, 'nothing was inserted');
  });

  it('refuses a tree over the entry, total and byte limits before inserting anything', async () => {
    const before = node.blocks.size;
    const wide = Array.from({ length: MAX_DIRECTORY_ENTRIES + 1 }, (_, index) => someFile(`d/${index}`, leaf));
    await assert.rejects(insertDirectoryOf(new Inserter(node, redundancy), wide), { code: 'ERR_DIRECTORY_LIMIT', limit: 'MAX_DIRECTORY_ENTRIES' });
    const many = Array.from({ length: MAX_WALK_ENTRIES }, (_, index) => someFile(`${index % 8}/${index}`, leaf));
    await assert.rejects(insertDirectoryOf(new Inserter(node, redundancy), many), { code: 'ERR_DIRECTORY_LIMIT', limit: 'MAX_WALK_ENTRIES' });
    const huge = [someFile('a', leaf, MAX_WALK_BYTES / 2), someFile('b', leaf, MAX_WALK_BYTES / 2 + 1)];
    await assert.rejects(insertDirectoryOf(new Inserter(node, redundancy), huge), { code: 'ERR_DIRECTORY_LIMIT', limit: 'MAX_WALK_BYTES' });
    assert.equal(node.blocks.size, before, 'nothing was inserted');
  });

  it('walks a shared child once per path but fetches it once', async () => {
    const shared = await insertRawDirectory(node, [{ name: 'f', kind: 'file', uri: leaf, mime: 'text/plain', size: 1 }]);
    const root = await insertRawDirectory(node, [
      { name: 'a', kind: 'directory', uri: shared },
      { name: 'b', kind: 'directory', uri: shared },
      { name: 'c', kind: 'file', uri: leaf, mime: 'text/plain', size: 1 },
    ]);
    const manifest = await rootOf(node, root);
    node.requests = 0;
    const paths = [];
    for await (const file of walkDirectory(node, manifest)) paths.push(file.path.join('/'));
    assert.deepEqual(paths, ['a/f', 'b/f', 'c']);
    assert.equal(node.requests, 2, "the shared directory's manifest and the file's, once each");
  });

  it('refuses a bomb of 16 × 16 × 16 × 16 × 16 paths over one child once it lists too much, after six fetches', async () => {
    const root = await directoryBomb(node, leaf, 1, 16, 5);
    node.requests = 0;
    const { files, error } = await walkAll(node, root);
    assert.ok(error instanceof DirectoryLimitError, String(error));
    assert.equal(error.limit, 'MAX_WALK_ENTRIES');
    assert.ok(files.length < MAX_WALK_ENTRIES, `${files.length} files listed before the refusal`);
    assert.equal(node.requests, 6, 'the root and four directory manifests, and the file manifest: each once');
  });

  it('refuses a chain of directories deeper than the limit at the limit, without a deeper fetch (5,000 levels: the API test)', async () => {
    const root = await directoryChain(node, leaf, 3 * MAX_DEPTH);
    node.requests = 0;
    const { files, error } = await walkAll(node, root);
    assert.deepEqual(files, []);
    assert.ok(error instanceof DirectoryLimitError, String(error));
    assert.equal(error.limit, 'MAX_DEPTH');
    assert.ok(node.requests <= MAX_DEPTH + 1, `${node.requests} manifests fetched`);
    node.requests = 0;
    await assert.rejects(resolvePath(node, root, Array(5_000).fill('a')), { code: 'ERR_DIRECTORY_LIMIT', limit: 'MAX_DEPTH' });
    assert.equal(node.requests, 0, 'a path over the limit is refused before any fetch');
  });

  it('refuses a manifest over the entry limit, and files that declare more bytes than the limit', async () => {
    const wide = await insertRawDirectory(
      node,
      Array.from({ length: MAX_DIRECTORY_ENTRIES + 1 }, (_, index) => ({ name: `${index}`, kind: 'file' as const, uri: leaf, mime: 'text/plain', size: 1 })),
    );
    const { error: tooWide } = await walkAll(node, wide);
    assert.ok(tooWide instanceof DirectoryLimitError && tooWide.limit === 'MAX_DIRECTORY_ENTRIES', String(tooWide));
    const size = 256 * 1024 * 1024;
    const big = await hollowFile(node, size);
    const half = await insertRawDirectory(
      node,
      Array.from({ length: MAX_DIRECTORY_ENTRIES / 2 }, (_, index) => ({ name: `${index}`, kind: 'file' as const, uri: big, mime: 'text/plain', size: 1 })),
    );
    const root = await insertRawDirectory(
      node,
      ['a', 'b', 'c'].map((name) => ({ name, kind: 'directory' as const, uri: half })),
    );
    const { files, error } = await walkAll(node, root);
    assert.ok(error instanceof DirectoryLimitError && error.limit === 'MAX_WALK_BYTES', String(error));
    assert.equal(files.length, MAX_WALK_BYTES / size, 'the sizes counted are those of the file manifests, not of the entries');
  });
});
