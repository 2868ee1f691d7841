/**
 * How `warren testnet` starts each `warren node`: as this command runs. From the compiled build
 * (`dist/`, what `npm install` puts on the PATH) it runs the same script. From the TypeScript sources
 * (through the tsx loader, as the tests run it) it runs the compiled build instead when one is there
 * and up to date — every source file older than its compiled file, as `make` would judge — since
 * each node process then loads JavaScript instead of compiling hundreds of modules on start (about
 * 3.5× less start-up time a node); otherwise the sources, with this process's loader.
 *
 *   this script .js ──> itself
 *   this script .ts ──buildIsFresh(sources, dist)──> dist/node/app/cli/main.js | this script with --import tsx
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders `npm run build` compiles (tsconfig.build.json `include`). */
const BUILT_FOLDERS = ['node', 'protocol', 'store', 'sim'];
/** Most source files looked at: past this the build counts as stale (a bound on the walk). */
const MAX_SOURCE_FILES = 10_000;

export interface NodeLaunch {
  /** Node.js options, then the script: `process.execPath` runs them, with the command's arguments after. */
  readonly args: readonly string[];
  /** Whether the nodes run from the compiled build although this command runs from the sources. */
  readonly fromBuild: boolean;
}

async function modifiedMs(path: string): Promise<number | undefined> {
  return stat(path).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
}

/** Every `.ts` source under `folders` of `root` (not declarations, not node_modules); undefined past `MAX_SOURCE_FILES`. */
async function sourcesUnder(root: string, folders: readonly string[]): Promise<string[] | undefined> {
  const found: string[] = [];
  const pending = folders.map((folder) => join(root, folder));
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') pending.push(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
      if (found.length > MAX_SOURCE_FILES) return undefined;
    }
  }
  return found;
}

/** Whether every `.ts` file under `folders` of `root` has its compiled `.js` under `dist`, written after it. */
export async function buildIsFresh(root: string, dist: string, folders: readonly string[] = BUILT_FOLDERS): Promise<boolean> {
  const sources = await sourcesUnder(root, folders);
  if (sources === undefined || sources.length === 0) return false;
  for (const source of sources) {
    const compiled = await modifiedMs(join(dist, `${relative(root, source).slice(0, -'.ts'.length)}.js`));
    const written = await modifiedMs(source);
    if (compiled === undefined || written === undefined || compiled < written) return false;
  }
  return true;
}

/** How to start `warren` again for a node, given the script this process runs (`process.argv[1]`) and its options. */
export async function nodeLaunch(script: string, execArgv: readonly string[]): Promise<NodeLaunch> {
  if (!script.endsWith('.ts')) return { args: [...execArgv, script], fromBuild: false };
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const built = join(root, 'dist', 'node', 'app', 'cli', 'main.js');
  if (await buildIsFresh(root, join(root, 'dist'))) return { args: [built], fromBuild: true };
  return { args: [...execArgv, script], fromBuild: false };
}
