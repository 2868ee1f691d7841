import { encodeAndStore } from './side-by-side-warren.js';
import { rm } from 'node:fs/promises';
await rm('/tmp/prof/dd', { recursive: true, force: true });
const t = performance.now();
const r = await encodeAndStore('/tmp/prof/file.bin', '/tmp/prof/dd', 4 * 2 ** 30);
console.log('wall', ((performance.now() - t) / 1000).toFixed(2), 's', (67.108864 / r.seconds).toFixed(2), 'MB/s', JSON.stringify(r.usage));
