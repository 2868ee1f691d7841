/**
 * Deterministic content made as it is consumed (for benches and big-file tests): a ChaCha20 keystream under
 * a fixed key, a MiB at a time, so that a 1 GiB file never has to be held.
 */
import { createCipheriv, type Hash } from 'node:crypto';

const MiB = 2 ** 20;

/** `size` bytes of a ChaCha20 keystream under a fixed key, a MiB at a time; `hash`, if given, sees every byte. */
export function* keystream(size: number, hash?: Hash): Generator<Buffer> {
  const cipher = createCipheriv('chacha20', Buffer.alloc(32, 7), Buffer.alloc(16, 1));
  const zeros = Buffer.alloc(MiB);
  for (let left = size; left > 0; left -= MiB) {
    const chunk = cipher.update(zeros.subarray(0, Math.min(MiB, left)));
    hash?.update(chunk);
    yield chunk;
  }
}
