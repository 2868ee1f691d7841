/**
 * Child processes the tests start (nodes, writers, the CLI). Each is registered as it is
 * spawned; a test file's teardown stops its own (`stopChild`), and whatever is still running
 * when the test process exits — a timed-out hook, mocha's `--exit` — is killed then, so no
 * child outlives the run.
 *
 *   spawn ──tracked(child)──> running set ──exit──> removed
 *   stopChild(child, signal) ──signal──> exit, or SIGKILL after the grace period
 *   process 'exit' ──SIGKILL──> every child still in the set (its process group if it leads one)
 */
import type { ChildProcess } from 'node:child_process';

const running = new Map<ChildProcess, { readonly group: boolean }>();

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    if (running.get(child)?.group === true) process.kill(-child.pid, name);
    else child.kill(name);
  } catch {
    // Already gone.
  }
}

process.on('exit', () => {
  for (const child of running.keys()) signal(child, 'SIGKILL');
});

/**
 * Registers `child` to be killed if it is still running when the test process exits. `group`:
 * it was spawned `detached`, leading a process group of its own, and the whole group is signalled
 * (npm runs the node as a grandchild).
 */
export function tracked<T extends ChildProcess>(child: T, options: { group?: boolean } = {}): T {
  running.set(child, { group: options.group === true });
  child.once('exit', () => running.delete(child));
  return child;
}

/** Whether `child` has exited (or never started). */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}

/** Resolves once `child` has exited. */
export function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (hasExited(child) ? resolve() : child.once('exit', () => resolve())));
}

/** Sends `name` and waits for the exit; SIGKILL if the child is still running after `graceMs`. */
export async function stopChild(child: ChildProcess, name: NodeJS.Signals = 'SIGKILL', graceMs = 30_000): Promise<void> {
  const exited = exitOf(child);
  signal(child, name);
  const grace = setTimeout(() => signal(child, 'SIGKILL'), graceMs);
  await exited.finally(() => clearTimeout(grace));
}
