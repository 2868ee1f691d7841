/** Deterministic test blocks for the block store tests: CHK blocks by number, SSK slots, locations. */
import { circularDistance, keyLocation } from '../../../protocol/location.js';
import { encodeChk } from '../../../protocol/keys/chk.js';
import { encodeSsk, sskWriteKeysFromSeed } from '../../../protocol/keys/ssk.js';

export interface TestBlock {
  readonly routingKey: Uint8Array;
  readonly block: Uint8Array;
}

/** The CHK block whose content is `label` and the number `n`. */
export function chkBlock(n: number, label = 'block'): TestBlock {
  const { routingKey, block } = encodeChk(new TextEncoder().encode(`${label} ${n}`));
  return { routingKey, block };
}

export function chkBlocks(count: number, label = 'block'): TestBlock[] {
  return Array.from({ length: count }, (_, n) => chkBlock(n, label));
}

/** Two different valid blocks for the same SSK slot (same publisher and document name). */
export function sskRivals(seedByte = 7): [TestBlock, TestBlock] {
  const keys = sskWriteKeysFromSeed(new Uint8Array(32).fill(seedByte));
  const encode = (text: string) => encodeSsk(keys, 'index', new TextEncoder().encode(text));
  return [encode('first'), encode('second')];
}

export function distanceFrom(nodeLocation: number, { routingKey }: TestBlock): number {
  return circularDistance(keyLocation(routingKey), nodeLocation);
}

/** `count` blocks from a fixed pool, closest to `nodeLocation` first, with clearly different distances. */
export function blocksByDistance(nodeLocation: number, count: number): TestBlock[] {
  const sorted = chkBlocks(count * 4, 'located').sort((a, b) => distanceFrom(nodeLocation, a) - distanceFrom(nodeLocation, b));
  const picked: TestBlock[] = [];
  for (const candidate of sorted) {
    const last = picked.at(-1);
    if (last === undefined || distanceFrom(nodeLocation, candidate) - distanceFrom(nodeLocation, last) > 4 / 65536) picked.push(candidate);
    if (picked.length === count) return picked;
  }
  throw new Error('the pool has too few well-separated blocks');
}
