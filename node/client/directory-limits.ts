/**
 * The bounds on directories (spec/client.md §12.1), one set for inserting and for walking, so that an
 * inserter never makes a tree that a reader refuses; and the expansion of a tree written out (§12.3).
 *
 *   insert: parsePath (each file's path) ──DirectoryBudget──> entries, depth, declared bytes
 *   walk:   each entry reached ──DirectoryBudget──> the same bounds, counted per path
 */
import { nameProblem } from '../../protocol/keys/names.js';
import { DirectoryLimitError, InvalidPathError } from './errors.js';

/** Entries (files and sub-directories) of one directory manifest. */
export const MAX_DIRECTORY_ENTRIES = 4096;
/** Entries reached in one walk, or made by one directory insert: every path counts, shared or not. */
export const MAX_WALK_ENTRIES = 16_384;
/** Names in a path below the root: `a/b/c.txt` is 3 deep. */
export const MAX_DEPTH = 64;
/** UTF-8 bytes of a path written with `/` between its names. */
export const MAX_PATH_BYTES = 4096;
/** Sum of the sizes of the files under one root, every path counted (1 TiB). */
export const MAX_WALK_BYTES = 2 ** 40;

/** Writing a tree out may take `EXPANSION_FACTOR` × what it stores plus `EXPANSION_ALLOWANCE_BYTES` without asking. */
export const EXPANSION_FACTOR = 4;
export const EXPANSION_ALLOWANCE_BYTES = 16 * 1024 * 1024;

const utf8 = new TextEncoder();

function limitProblem(depth: number, bytes: number): [limit: string, problem: string] | undefined {
  if (depth > MAX_DEPTH) return ['MAX_DEPTH', `it is ${depth} names deep; the limit is ${MAX_DEPTH}`];
  if (bytes > MAX_PATH_BYTES) return ['MAX_PATH_BYTES', `it is ${bytes} bytes long; the limit is ${MAX_PATH_BYTES}`];
  return undefined;
}

/** `name` as a file name, or `InvalidPathError` when it breaks the name rule of spec/keys.md §4.1. */
export function checkFileName(name: string): string {
  const problem = nameProblem(name);
  if (problem !== undefined) throw new InvalidPathError(name, problem);
  return name;
}

/** The names of a `/`-separated path inside a directory: each follows the name rule, none is empty, within the limits. */
export function parsePath(path: string): string[] {
  const names = path.split('/');
  for (const name of names) {
    const problem = name === '' ? 'it has an empty name (a leading, trailing or doubled /)' : nameProblem(name);
    if (problem !== undefined) throw new InvalidPathError(path, problem);
  }
  const limit = limitProblem(names.length, utf8.encode(path).length);
  if (limit !== undefined) throw new InvalidPathError(path, limit[1]);
  return names;
}

/** UTF-8 bytes of `name` as the next name of a path `before` bytes long (0 for the root). */
export const pathBytes = (before: number, name: string): number => before + (before > 0 ? 1 : 0) + utf8.encode(name).length;

const shown = (path: readonly string[]): string => JSON.stringify(path.length === 0 ? '/' : path.join('/').slice(0, 80));

/** What one directory insert or walk has made or reached so far, refused with `DirectoryLimitError` past a limit. */
export class DirectoryBudget {
  private entries = 0;
  private bytes = 0;

  /** A directory manifest at `path` with `entries` entries. */
  directory(path: readonly string[], entries: number): void {
    if (entries > MAX_DIRECTORY_ENTRIES) {
      throw new DirectoryLimitError('MAX_DIRECTORY_ENTRIES', `the directory ${shown(path)} has ${entries} entries; the limit is ${MAX_DIRECTORY_ENTRIES}`);
    }
  }

  /** One more entry, at `path`, `bytes` long. */
  entry(path: readonly string[], bytes: number): void {
    if (++this.entries > MAX_WALK_ENTRIES) {
      throw new DirectoryLimitError('MAX_WALK_ENTRIES', `the directory holds more than ${MAX_WALK_ENTRIES} entries, counting every path`);
    }
    const limit = limitProblem(path.length, bytes);
    if (limit !== undefined) throw new DirectoryLimitError(limit[0], `the path ${shown(path)} is too long: ${limit[1]}`);
  }

  /** A file of `size` bytes declared at one more path. */
  file(size: number): void {
    this.bytes += size;
    if (this.bytes > MAX_WALK_BYTES) throw new DirectoryLimitError('MAX_WALK_BYTES', `the directory's files declare more than ${MAX_WALK_BYTES} bytes`);
  }
}

export interface Expansion {
  /** What writing every path out takes. */
  readonly declaredBytes: number;
  /** What the distinct files hold: each file URI counted once. */
  readonly storedBytes: number;
  /** Whether writing it out needs the user's consent (§12.3). */
  readonly needsConsent: boolean;
}

/** How much a listing's paths write out against what its distinct files store. */
export function expansionOf(files: ReadonlyArray<{ readonly uri: string; readonly size: number }>): Expansion {
  const distinct = new Map(files.map((file) => [file.uri, file.size]));
  const declaredBytes = files.reduce((sum, file) => sum + file.size, 0);
  const storedBytes = [...distinct.values()].reduce((sum, size) => sum + size, 0);
  return { declaredBytes, storedBytes, needsConsent: declaredBytes > EXPANSION_FACTOR * storedBytes + EXPANSION_ALLOWANCE_BYTES };
}
