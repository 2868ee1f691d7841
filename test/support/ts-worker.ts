/**
 * A worker thread running one of these TypeScript modules. A worker does not inherit the
 * parent's loader: the boot code registers tsx and the polyfills before importing the module,
 * which finds its input in `workerData`.
 */
import { Worker } from 'node:worker_threads';

const POLYFILLS = new URL('../../node/polyfills.ts', import.meta.url).href;

/** Starts a worker that imports `moduleUrl` (a module's `import.meta.url`) with `workerData`. */
export function startTsWorker(moduleUrl: string, workerData: unknown): Worker {
  const boot =
    "import('tsx/esm/api').then(async ({ register }) => { register(); " +
    `await import(${JSON.stringify(POLYFILLS)}); await import(${JSON.stringify(moduleUrl)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
