/**
 * CPU seconds and peak resident sets of processes, for bench/side-by-side.ts, read from /proc:
 *
 *   long-running processes (nodes, GNUnet services):  metered(processes, run)
 *     ──before: utime + stime of each (/proc/<pid>/stat), VmHWM reset (clear_refs 5)
 *     ──run──> after: utime + stime again, VmHWM (/proc/<pid>/status) ──> one Usage each
 *   a command to its end (warren put, gnunet-publish …):  command(name, file, args)
 *     ──/usr/bin/time -f '%e %U %S %M', own process group──> wall seconds, user + system seconds, peak RSS;
 *     CommandTimeoutError (the group killed) past its time; every group still running is killed at exit
 *
 * Where VmHWM cannot be reset (no permission), the peak is the process's since it started.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { residentMiB } from './client-support.js';
import { CommandFailedError, CommandTimeoutError } from './errors.js';

/** Clock ticks per second of /proc/<pid>/stat's times (sysconf _SC_CLK_TCK: 100 on Linux). */
const TICKS_PER_SECOND = 100;
export const TIME_BINARY = '/usr/bin/time';

export interface NamedProcess {
  readonly name: string;
  readonly pid: number;
}

/** What one process spent during an operation. */
export interface Usage {
  readonly name: string;
  readonly cpuSeconds: number;
  /** Peak resident set in MiB; undefined if the process had already exited. */
  readonly peakMiB: number | undefined;
}

/** User + system CPU seconds a process has spent so far; undefined once it has exited. */
async function cpuSecondsOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // Fields after the command name (which may hold spaces) start with the state, field 3: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Starts a process's VmHWM afresh from its present resident set (Linux: clear_refs 5). */
async function resetPeak(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);
}

/** Runs `operation` and says what each of `processes` spent meanwhile, after what the operation reports itself. */
export async function metered<T extends { readonly usage: readonly Usage[] }>(processes: readonly NamedProcess[], operation: () => Promise<T>): Promise<T> {
  await Promise.all(processes.map(({ pid }) => resetPeak(pid)));
  const before = await Promise.all(processes.map(({ pid }) => cpuSecondsOf(pid)));
  const result = await operation();
  const usage = await Promise.all(
    processes.map(async ({ name, pid }, index) => ({
      name,
      cpuSeconds: ((await cpuSecondsOf(pid)) ?? Number.NaN) - (before[index] ?? Number.NaN),
      peakMiB: await residentMiB(pid, 'VmHWM'),
    })),
  );
  return { ...result, usage: [...result.usage, ...usage] };
}

/** This process's own CPU and peak while `operation` runs (the client code run in the bench itself). */
export async function meteredSelf<T>(name: string, operation: () => Promise<T>): Promise<{ value: T; seconds: number; usage: Usage[] }> {
  await resetPeak(process.pid);
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const value = await operation();
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { value, seconds, usage: [{ name, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMiB: await residentMiB(process.pid, 'VmHWM') }] };
}

export interface CommandRun {
  readonly stdout: string;
  readonly seconds: number;
  readonly usage: Usage[];
}

/** Process groups of the commands running now, ended when this process exits. */
const runningGroups = new Set<number>();
process.on('exit', () => {
  for (const group of runningGroups) endGroup(group);
});

function endGroup(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs `file args…` to its end under GNU time, in a process group of its own: its wall seconds, CPU and
 * peak RSS. Throws with its stderr if it fails, and `CommandTimeoutError` (the group ended) after `timeoutMs`.
 */
export async function command(name: string, file: string, args: readonly string[], timeoutMs: number): Promise<CommandRun> {
  const dir = await mkdtemp(join(tmpdir(), 'side-by-side-time-'));
  const report = join(dir, 'time');
  try {
    const child = spawn(TIME_BINARY, ['-f', '%e %U %S %M', '-o', report, file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    runningGroups.add(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      endGroup(child.pid!);
    }, timeoutMs);
    const [code] = (await once(child, 'close').finally(() => {
      clearTimeout(timer);
      runningGroups.delete(child.pid!);
    })) as [number | null];
    if (timedOut) throw new CommandTimeoutError(name, timeoutMs / 1000);
    if (code !== 0) throw new CommandFailedError(`${name} failed (exit ${code}): ${stderr.trim()}`);
    const [seconds, user, system, peakKiB] = (await readFile(report, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number);
    return { stdout, seconds: seconds!, usage: [{ name, cpuSeconds: user! + system!, peakMiB: peakKiB! / 1024 }] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
