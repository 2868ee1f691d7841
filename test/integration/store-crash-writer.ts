/**
 * Child process of store-crash.test.ts: opens the RocksDB block store at argv[2]
 * and writes to it, 8 calls in flight, until it is killed. Prints "ready" once
 * open, then the hex routing key of every block before putting it.
 */
import { toHex } from '../../protocol/bytes.js';
import { encodeChk } from '../../protocol/keys/chk.js';
import { encodeSsk, sskWriteKeysFromSeed } from '../../protocol/keys/ssk.js';
import { RocksBlockStore } from '../../store/rocks-block-store.js';
import { CRASH_STORE_INIT } from './store-crash-init.js';

const [path, run] = process.argv.slice(2) as [string, string];
const store = await RocksBlockStore.open({}, { ...CRASH_STORE_INIT, path });
const publisher = sskWriteKeysFromSeed(new Uint8Array(32).fill(3));
const written: Uint8Array[] = [];
process.stdout.write('ready\n');

let next = 0;
async function writeForever(): Promise<never> {
  for (;;) {
    const i = next++;
    const content = new TextEncoder().encode(`run ${run} block ${i}`);
    const { routingKey, block } = i % 5 === 0 ? encodeSsk(publisher, `slot ${i % 35}`, content) : encodeChk(content);
    process.stdout.write(`${toHex(routingKey)}\n`);
    await store.put(routingKey, block, { partition: i % 3 === 0 ? 'store' : 'cache' });
    written.push(routingKey);
    if (i % 4 === 0) await store.get(written[(i * 7) % written.length]!);
    if (i % 11 === 0) await store.delete(written[(i * 5) % written.length]!);
  }
}

await Promise.all(Array.from({ length: 8 }, writeForever));
