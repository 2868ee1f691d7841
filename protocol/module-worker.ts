/**
 * Starts a worker thread on one of Warren's own modules, whether Warren runs
 * compiled (plain JS) or from its TypeScript sources under tsx.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker running the module named `name` (without extension) beside `siblingUrl`
 * (the caller's `import.meta.url`). From TypeScript sources the worker registers tsx
 * itself: Node 20 does not apply loader hooks given in execArgv to worker threads.
 */
export function startModuleWorker(siblingUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const fromSource = siblingUrl.endsWith('.ts');
  const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, siblingUrl);
  if (!fromSource) return new Worker(url, options);
  const tsxApi = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const href = JSON.stringify(url.href);
  return new Worker(`import(${tsxApi}).then(({ tsImport }) => tsImport(${href}, ${href}))`, { ...options, eval: true });
}
