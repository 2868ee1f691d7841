import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../../node/client/client.js';
import { ContentHashMismatchError, MissingBlocksError, PathNotFoundError } from '../../node/client/errors.js';
import type { FetchProgress } from '../../node/client/fetch.js';
import { decodeManifest, encodeManifest, type FileManifest } from '../../node/client/manifest.js';
import { SHARD_BYTES } from '../../node/client/segments.js';
import { randomBytes } from '../../protocol/crypto.js';
import { InvalidBlockError } from '../../protocol/errors.js';
import { ChkUri, decodeChk, encodeChk } from '../../protocol/keys/index.js';
import { smallWorld, useSimulatedNetworks } from '../support/simulated-networks.js';
import { useTeardown } from '../support/teardown.js';
import { alteringNode, collect, content, deleteEverywhere, drive } from './client-support.js';

describe('client on a simulated network', function () {
  // A hang guard: virtual time, so only a loaded machine makes it slower.
  this.timeout(600_000);
  const defer = useTeardown();
  const simulate = useSimulatedNetworks(defer);
  /** A temporary directory, removed after the test. */
  const temporary = async (prefix: string): Promise<string> => {
    const directory = await mkdtemp(join(tmpdir(), prefix));
    defer(() => rm(directory, { recursive: true, force: true }));
    return directory;
  };

  it('round-trips files of 0 B, 1 B, one block, one byte over, and 3 MiB byte for byte', async () => {
    const sim = await simulate(smallWorld('client-sizes'));
    const publisher = new Client({ node: sim.nodes[3]!.node });
    const reader = new Client({ node: sim.nodes[27]!.node });
    for (const size of [0, 1, SHARD_BYTES, SHARD_BYTES + 1, 32_749, 32_750, 3 * 1024 * 1024 + 5]) {
      const bytes = content(size);
      const uri = await drive(sim, publisher.insertFile(bytes, { name: 'file.bin' }));
      assert.deepEqual(uri.path, ['file.bin']);
      const fetched = await drive(sim, collect(reader.fetch(uri.toString())));
      assert.equal(fetched.length, size);
      assert.ok(Buffer.from(fetched).equals(Buffer.from(bytes)), `${size} bytes differ`);
    }
    const again = await drive(sim, publisher.insertFile(new Uint8Array(1), { name: 'a.txt' }));
    const resolved = await drive(sim, reader.resolveFile(again));
    assert.equal(resolved.manifest.mime, 'text/plain');
  });

  it('inserts a directory, resolves single paths and walks the whole tree', async () => {
    const sim = await simulate(smallWorld('client-directory'));
    const client = new Client({ node: sim.nodes[5]!.node });
    const reader = new Client({ node: sim.nodes[31]!.node });
    const files = new Map([
      ['index.html', content(500)],
      ['docs/index.html', content(40_000)],
      ['docs/guide/intro.md', content(10)],
      ['logo.png', content(0)],
    ]);
    const root = await drive(sim, client.insertDirectory([...files].map(([path, source]) => ({ path, source }))));
    for (const [path, bytes] of files) {
      const fetched = await drive(sim, collect(reader.fetch(`${root.toString()}/${path}`)));
      assert.ok(Buffer.from(fetched).equals(Buffer.from(bytes)), path);
    }
    const docs = await drive(sim, reader.resolveFile(`${root.toString()}/docs/index.html`));
    assert.equal(docs.manifest.mime, 'text/html');
    const walked = await drive(
      sim,
      (async () => {
        const paths: string[] = [];
        for await (const file of reader.walk(root)) paths.push(`${file.path.join('/')} ${file.size}`);
        return paths;
      })(),
    );
    assert.deepEqual(walked.sort(), ['docs/guide/intro.md 10', 'docs/index.html 40000', 'index.html 500', 'logo.png 0']);
    await assert.rejects(drive(sim, reader.resolve(`${root.toString()}/docs/missing.html`)), PathNotFoundError);
    await assert.rejects(drive(sim, reader.resolve(`${root.toString()}/index.html/x`)), PathNotFoundError);
  });

  it('inserts a directory from disk, walks it and fetches each file back to disk', async () => {
    const sim = await simulate(smallWorld('client-tree'));
    const source = await temporary('warren-tree-in-');
    const target = await temporary('warren-tree-out-');
    const files = new Map([
      ['index.html', content(700)],
      ['img/a.png', content(70_000)],
      ['img/deep/b.txt', content(1)],
    ]);
    for (const [path, bytes] of files) {
      await mkdir(join(source, path, '..'), { recursive: true });
      await writeFile(join(source, path), bytes);
    }
    const root = await drive(sim, new Client({ node: sim.nodes[1]!.node }).insertDirectory(source));
    const reader = new Client({ node: sim.nodes[21]!.node });
    const writing = (async () => {
      const written: string[] = [];
      for await (const file of reader.walk(root)) {
        const path = join(target, ...file.path);
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, await collect(reader.fetch(file.uri)));
        written.push(file.path.join('/'));
      }
      return written;
    })();
    assert.deepEqual((await drive(sim, writing)).sort(), [...files.keys()].sort());
    for (const [path, bytes] of files) assert.ok((await readFile(join(target, path))).equals(Buffer.from(bytes)), path);
  });

  it('splits a manifest too big for one block and still fetches the file', async () => {
    const sim = await simulate(smallWorld('client-split-manifest'));
    // One data block per segment and no check blocks: 1,000 segments of references.
    const client = new Client({ node: sim.nodes[2]!.node }, { dataBlocksPerSegment: 1, checkBlocksPerSegment: 0, window: 32 });
    const bytes = content(600 * SHARD_BYTES);
    const uri = await drive(sim, client.insertFile(bytes));
    const top = decodeManifest(decodeChk(await drive(sim, sim.nodes[9]!.node.request(uri.routingKey)), uri.cryptoKey));
    assert.equal(top.kind, 'split');
    const fetched = await drive(sim, collect(new Client({ node: sim.nodes[30]!.node }).fetch(uri)));
    assert.ok(Buffer.from(fetched).equals(Buffer.from(bytes)));
  });

  it('rebuilds a file after a third of its blocks are deleted from every store, and says how many are missing when too many are', async () => {
    const sim = await simulate(smallWorld('client-fec'));
    // Narrow segments, so that a few deletions can sink one: 6+6, 6+6, 5+6, 4+6 (the last two share 9 blocks).
    const client = new Client({ node: sim.nodes[4]!.node }, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 6 });
    const bytes = content(20 * SHARD_BYTES + 123);
    const uri = await drive(sim, client.insertFile(bytes));
    const { manifest } = await drive(sim, client.resolveFile(uri));
    const third = manifest.segments.flatMap((segment) => {
      const blocks = [...segment.dataBlocks, ...segment.checkBlocks];
      return blocks.filter((_, index) => index % 3 === 0).map((block) => block.routingKey);
    });
    await deleteEverywhere(sim, third);
    const events: FetchProgress[] = [];
    const reader = new Client({ node: sim.nodes[22]!.node });
    const fetched = await drive(sim, collect(reader.fetch(uri, { onProgress: (event) => events.push(event as FetchProgress) })));
    assert.ok(Buffer.from(fetched).equals(Buffer.from(bytes)));
    assert.ok(events.some((event) => event.type === 'segmentDecoded' && event.checkBlocksUsed > 0));

    const first = manifest.segments[0]!;
    await deleteEverywhere(
      sim,
      [...first.dataBlocks, ...first.checkBlocks].slice(0, 7).map((block) => block.routingKey),
    );
    await assert.rejects(drive(sim, collect(reader.fetch(uri))), (error: unknown) => {
      assert.ok(error instanceof MissingBlocksError);
      // Blocks 0..6 now, and 9 from the first deletion.
      assert.deepEqual(error.shortfall, { segment: 0, found: 4, needed: 6, total: 12 });
      assert.match(error.message, /segment 0: 8 of 12 blocks are missing; 4 found, 6 needed/);
      return true;
    });
  });

  it('publishes USK editions 1 then 2; asking for edition 1 finds the newest', async () => {
    const sim = await simulate(smallWorld('client-usk'));
    const publisher = new Client({ node: sim.nodes[6]!.node });
    const reader = new Client({ node: sim.nodes[29]!.node });
    const seed = randomBytes(32);
    const { UskInsertUri } = await import('../../protocol/keys/index.js');
    const insertUri = new UskInsertUri(seed, 'site', 1);
    const v1 = await drive(sim, publisher.insertFile(new TextEncoder().encode('version one')));
    const first = await drive(sim, publisher.publish(insertUri, v1));
    assert.equal(first.kind === 'USK' && first.edition, 1);
    const v2 = await drive(sim, publisher.insertDirectory([{ path: 'index.html', source: new TextEncoder().encode('version two') }]));
    const second = await drive(sim, publisher.publish(insertUri, v2));
    assert.equal(second.kind === 'USK' && second.edition, 2);
    const resolved = await drive(sim, reader.resolve(`${insertUri.toRequestUri().toString()}/index.html`));
    assert.equal(resolved.edition, 2);
    const fetched = await drive(sim, collect(reader.fetch(`${insertUri.toRequestUri().toString()}/index.html`)));
    assert.equal(new TextDecoder().decode(fetched), 'version two');
  });

  it('only ever follows what the publisher signed', async () => {
    const sim = await simulate(smallWorld('client-forgery'));
    const { SskInsertUri, UskInsertUri, encodeSsk, sskWriteKeysFromSeed } = await import('../../protocol/keys/index.js');
    const { encodePointer } = await import('../../node/client/manifest.js');
    const publisher = new Client({ node: sim.nodes[6]!.node });
    const attacker = new Client({ node: sim.nodes[12]!.node });
    const seed = randomBytes(32);
    const genuine = await drive(sim, publisher.insertFile(new TextEncoder().encode('genuine')));
    const published = await drive(sim, publisher.publish(new UskInsertUri(seed, 'news', 0), genuine));
    const sskUri = await drive(sim, publisher.publish(new SskInsertUri(seed, 'page'), genuine));

    // The attacker publishes a manifest of its own under the same names and later editions with its own key.
    const forged = await drive(sim, attacker.insertFile(new TextEncoder().encode('forged')));
    const attackerSeed = randomBytes(32);
    for (let edition = 0; edition < 3; edition++) await drive(sim, attacker.publish(new UskInsertUri(attackerSeed, 'news', edition), forged));
    // A block signed by the attacker cannot be stored or inserted under the publisher's routing keys.
    const fake = encodeSsk(sskWriteKeysFromSeed(attackerSeed), 'news-1', encodePointer(forged));
    const target = published.kind === 'USK' ? published.withEdition(1).routingKey : published.routingKey;
    await assert.rejects(sim.nodes[1]!.store.put(target, fake.block, { partition: 'store' }), InvalidBlockError);
    await assert.rejects(sim.nodes[1]!.node.insert(target, fake.block, { keyType: 'ssk' }), InvalidBlockError);

    const reader = new Client({ node: sim.nodes[33]!.node });
    assert.equal(new TextDecoder().decode(await drive(sim, collect(reader.fetch(published)))), 'genuine');
    assert.equal(new TextDecoder().decode(await drive(sim, collect(reader.fetch(sskUri)))), 'genuine');

    // Even a node that hands the client the attacker's valid block for the publisher's key is caught.
    const lying = new Client({
      node: alteringNode(sim.nodes[33]!.node, (key, block) => (Buffer.from(key).equals(Buffer.from(sskUri.routingKey)) ? fake.block : block)),
    });
    await assert.rejects(drive(sim, collect(lying.fetch(sskUri))), InvalidBlockError);
  });

  it('detects a tampered block: FEC replaces it, or the fetch fails with a typed error', async () => {
    const sim = await simulate(smallWorld('client-tamper'));
    const node = sim.nodes[8]!.node;
    const bytes = content(3 * SHARD_BYTES);
    const flipAt = (target: Uint8Array) => (key: Uint8Array, block: Uint8Array) => {
      if (!Buffer.from(key).equals(Buffer.from(target))) return block;
      const altered = Uint8Array.from(block);
      altered[1000]! ^= 1;
      return altered;
    };
    for (const checkBlocksPerSegment of [6, 0]) {
      const uri = await drive(sim, new Client({ node }, { checkBlocksPerSegment }).insertFile(bytes));
      const { manifest } = await drive(sim, new Client({ node }).resolveFile(uri));
      const victim = manifest.segments[0]!.dataBlocks[1]!.routingKey;
      const events: FetchProgress[] = [];
      const reader = new Client({ node: alteringNode(sim.nodes[25]!.node, flipAt(victim)) });
      const fetching = drive(sim, collect(reader.fetch(uri, { onProgress: (event) => events.push(event as FetchProgress) })));
      if (checkBlocksPerSegment > 0) {
        assert.ok(Buffer.from(await fetching).equals(Buffer.from(bytes)));
        assert.ok(events.some((event) => event.type === 'blockFailed' && event.reason === 'ERR_INVALID_BLOCK'));
      } else {
        await assert.rejects(fetching, (error: unknown) => error instanceof MissingBlocksError && error.cause instanceof InvalidBlockError);
      }
      const manifestTampered = new Client({ node: alteringNode(sim.nodes[25]!.node, flipAt(uri.routingKey)) });
      await assert.rejects(drive(sim, manifestTampered.resolve(uri)), InvalidBlockError);
    }

    // A manifest whose content hash does not match what its blocks rebuild.
    const uri = await drive(sim, new Client({ node }).insertFile(bytes));
    const { manifest } = await drive(sim, new Client({ node }).resolveFile(uri));
    const lie: FileManifest = { ...manifest, contentHash: randomBytes(32) };
    const top = encodeChk(encodeManifest(lie));
    await drive(sim, node.insert(top.routingKey, top.block));
    const reader = new Client({ node: sim.nodes[20]!.node });
    await assert.rejects(drive(sim, collect(reader.fetch(new ChkUri(top.routingKey, top.cryptoKey)))), ContentHashMismatchError);
  });

  it('stops an insert and a fetch when their signal aborts, with progress on the way', async () => {
    const sim = await simulate(smallWorld('client-abort'));
    const client = new Client({ node: sim.nodes[2]!.node }, { dataBlocksPerSegment: 6, checkBlocksPerSegment: 6 });
    const bytes = content(30 * SHARD_BYTES);
    const stopInsert = new AbortController();
    const insertEvents: string[] = [];
    let encodedBlocks = 0;
    let insertedBlocks = 0;
    let mostHeld = 0;
    const inserting = client.insertFile(bytes, {
      signal: stopInsert.signal,
      onProgress: (event) => {
        insertEvents.push(event.type);
        if (event.type === 'segmentEncoded') encodedBlocks += event.blocks;
        if (event.type === 'blockInserted') insertedBlocks = event.inserted;
        if (!stopInsert.signal.aborted) mostHeld = Math.max(mostHeld, encodedBlocks - insertedBlocks);
        if (event.type === 'blockInserted' && event.inserted === 10) stopInsert.abort(new Error('insert stopped'));
      },
    });
    await assert.rejects(drive(sim, inserting), /insert stopped/);
    assert.ok(!insertEvents.includes('manifestInserted'));
    // Blocks encoded and not yet inserted: at most the window (32) and one more segment (6 + 6).
    assert.ok(mostHeld <= 32 + 12, `reading went on far ahead of the inserts: ${mostHeld} blocks held`);

    const uri = await drive(sim, client.insertFile(bytes));
    const stopFetch = new AbortController();
    const fetching = collect(
      new Client({ node: sim.nodes[30]!.node }).fetch(uri, {
        signal: stopFetch.signal,
        onProgress: (event) => event.type === 'segmentDecoded' && stopFetch.abort(new Error('fetch stopped')),
      }),
    );
    await assert.rejects(drive(sim, fetching), /fetch stopped/);
  });
});
