/**
 * Runs dependency-cruiser with the project's rule file (.dependency-cruiser.cjs) over some
 * folders of a tree, as a child process (its TypeScript parser, swc, is loaded outside tsx),
 * and returns its JSON result: the modules with their resolved imports, and the violations.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const cruiser = fileURLToPath(new URL('../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));
export const RULE_FILE = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));

export interface CruiseModule {
  readonly source: string;
  readonly dependencies: readonly { readonly resolved: string }[];
}

export interface CruiseViolation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

export interface CruiseResult {
  readonly modules: readonly CruiseModule[];
  readonly summary: { readonly violations: readonly CruiseViolation[] };
}

/** Cruises `folders` of the tree at `root` (the project by default). */
export async function cruise(folders: readonly string[], root = projectRoot): Promise<CruiseResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [cruiser, ...folders, '--config', RULE_FILE, '--output-type', 'json'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 256 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => {
    // dependency-cruiser exits non-zero when it finds violations; its JSON is still on stdout.
    if (typeof error.stdout === 'string' && error.stdout.startsWith('{')) return { stdout: error.stdout };
    throw error;
  });
  return JSON.parse(stdout) as CruiseResult;
}
