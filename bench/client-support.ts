/**
 * Helper of the client benches (bench/client.ts, bench/client-memory.ts): a process's resident set read
 * from /proc. Their content comes from test/support/keystream.ts.
 */
import { readFile } from 'node:fs/promises';

/** A process's VmRSS (or VmHWM, its peak) in MiB; undefined once it has exited. */
export async function residentMiB(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kilobytes = status?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1];
  return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
}
