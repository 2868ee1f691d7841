/**
 * Helpers of the client benches (bench/client.ts, bench/client-memory.ts): deterministic content
 * made as it is consumed, and a process's resident set read from /proc.
 */
import { createCipheriv, type Hash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

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

/** A process's VmRSS (or VmHWM, its peak) in MiB; undefined once it has exited. */
export async function residentMiB(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kilobytes = status?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
}
