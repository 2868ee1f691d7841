/**
 * Directories (sites, spec/client.md §6, §12.1): a directory manifest maps names to the CHK URIs
 * of file manifests and of sub-directory manifests. Inserting checks every path and the limits,
 * inserts the files, then a manifest per directory, leaves first; fetching resolves a path one
 * name at a time, or walks the whole tree. Both go by explicit stacks, never by recursion.
 *
 *   [{path, source}…] ──planTree (paths, limits)──> files (Inserter.insertFile) ──> directory manifests, leaves first
 *   [{path, uri, mime, size}…] (files inserted one by one, e.g. through the API) ──planTree──> directory manifests
 *   CHK@…/docs/index.html ──fetchManifest──> entry 'docs' ──fetchManifest──> entry 'index.html'
 *   walk: stack of directories ──each entry──> DirectoryBudget; each distinct manifest fetched once per walk
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { toHex } from '../../protocol/bytes.js';
import type { ChkUri } from '../../protocol/keys/index.js';
import { DirectoryBudget, MAX_DEPTH, parsePath, pathBytes } from './directory-limits.js';
import { DirectoryLimitError, InvalidManifestError, InvalidPathError, PathNotFoundError } from './errors.js';
import { fetchManifest, type FetchOptions } from './fetch.js';
import type { ContentSource, Inserter } from './insert.js';
import type { DirectoryEntry, DirectoryManifest, FileManifest } from './manifest.js';
import { checkMime, mimeForName } from './mime.js';
import type { ClientNode } from './types.js';

export interface DirectoryFile {
  /** Slash-separated path inside the directory, e.g. `docs/index.html`. */
  readonly path: string;
  readonly source: ContentSource;
  /** Default: from the file name's extension. */
  readonly mime?: string;
}

/** A file already inserted, to be listed in a directory manifest. */
export interface InsertedFile {
  /** Slash-separated path inside the directory. */
  readonly path: string;
  /** The file manifest's CHK (a path on it is ignored). */
  readonly uri: ChkUri;
  readonly mime: string;
  readonly size: number;
}

/** A file found by a walk: its path, its manifest's URI, and what that manifest says. */
export interface WalkedFile {
  readonly path: readonly string[];
  readonly uri: ChkUri;
  readonly mime: string;
  readonly size: number;
}

interface Tree {
  readonly path: readonly string[];
  /** File name → index of the file in the insert's list. */
  readonly files: Map<string, number>;
  readonly directories: Map<string, Tree>;
}

const emptyTree = (path: readonly string[]): Tree => ({ path, files: new Map(), directories: new Map() });

/**
 * The tree of `files`' paths: every path is checked, and the tree against the limits, before anything
 * is inserted. Returns its directories in pre-order (each before its sub-directories), the root first.
 */
function planTree(files: ReadonlyArray<{ readonly path: string }>, budget: DirectoryBudget): Tree[] {
  const root = emptyTree([]);
  const added = (tree: Tree, path: readonly string[]): void => {
    budget.directory(tree.path, tree.files.size + tree.directories.size);
    budget.entry(path, 0); // its length was checked with the whole path's
  };
  for (const [index, file] of files.entries()) {
    const names = parsePath(file.path);
    let tree = root;
    for (const name of names.slice(0, -1)) {
      if (tree.files.has(name)) throw new InvalidPathError(file.path, `'${name}' is both a file and a directory`);
      let sub = tree.directories.get(name);
      if (sub === undefined) {
        sub = emptyTree([...tree.path, name]);
        tree.directories.set(name, sub);
        added(tree, sub.path);
      }
      tree = sub;
    }
    const leaf = names.at(-1)!;
    if (tree.files.has(leaf) || tree.directories.has(leaf)) throw new InvalidPathError(file.path, 'it is given twice, or is also a directory');
    tree.files.set(leaf, index);
    added(tree, names);
  }
  const order: Tree[] = [];
  for (const stack = [root]; stack.length > 0; ) {
    const tree = stack.pop()!;
    order.push(tree);
    stack.push(...tree.directories.values());
  }
  return order;
}

/**
 * Makes every file's entry (`entryOf`), then inserts a manifest per directory, leaves first (the
 * encoder sorts its entries); returns the root manifest's CHK.
 */
async function insertTree<F extends { readonly path: string }>(
  inserter: Inserter,
  files: readonly F[],
  entryOf: (name: string, file: F) => Promise<DirectoryEntry>,
): Promise<ChkUri> {
  const budget = new DirectoryBudget();
  const order = planTree(files, budget);
  const entries = new Map<number, DirectoryEntry>();
  for (const tree of order) {
    for (const [name, index] of tree.files) {
      const entry = await entryOf(name, files[index]!);
      budget.file(entry.size ?? 0);
      entries.set(index, entry);
    }
  }
  const root = order[0]!;
  const uris = new Map<Tree, ChkUri>();
  for (const tree of order.reverse()) {
    const listed = [...tree.files.values()].map((index) => entries.get(index)!);
    for (const [name, sub] of tree.directories) listed.push({ name, kind: 'directory', uri: uris.get(sub)! });
    uris.set(tree, await inserter.insertManifest({ kind: 'directory', entries: listed }));
  }
  return uris.get(root)!;
}

/** The checks a directory insert makes before inserting anything (§12.1), for a caller that sends the files elsewhere first. */
export function checkDirectoryPaths(files: ReadonlyArray<{ readonly path: string }>): void {
  planTree(files, new DirectoryBudget());
}

/** Inserts every file and a manifest per directory; returns the root manifest's CHK. */
export function insertDirectory(inserter: Inserter, files: readonly DirectoryFile[]): Promise<ChkUri> {
  return insertTree(inserter, files, async (name, file) => {
    const mime = file.mime ?? mimeForName(name);
    const { uri, size } = await inserter.insertFile({ source: file.source, mime });
    return { name, kind: 'file', uri, mime, size };
  });
}

/** Inserts only the directory manifests over files already inserted; returns the root manifest's CHK. */
export function insertDirectoryOf(inserter: Inserter, files: readonly InsertedFile[]): Promise<ChkUri> {
  return insertTree(inserter, files, async (name, file) => ({ name, kind: 'file', uri: file.uri, mime: checkMime(file.mime), size: file.size }));
}

/** Every regular file under `root`, as paths relative to it with the file path as source. */
export async function filesOnDisk(root: string): Promise<DirectoryFile[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = join(entry.parentPath, entry.name);
      return { path: relative(root, full).split(sep).join('/'), source: full };
    });
}

export type Resolved =
  | { readonly kind: 'file'; readonly uri: ChkUri; readonly manifest: FileManifest; readonly name?: string | undefined }
  | { readonly kind: 'directory'; readonly uri: ChkUri; readonly manifest: DirectoryManifest };

/**
 * Follows `path` from the manifest at `uri`. A path of one name after a file's URI is
 * that file's name, not a lookup.
 */
export async function resolvePath(node: ClientNode, uri: ChkUri, path: readonly string[], options: FetchOptions = {}): Promise<Resolved> {
  if (path.length > MAX_DEPTH) throw new DirectoryLimitError('MAX_DEPTH', `the path is ${path.length} names deep; the limit is ${MAX_DEPTH}`);
  let current: Resolved = await resolved(node, uri, undefined, options);
  for (const [depth, name] of path.entries()) {
    if (current.kind === 'file') {
      if (depth === path.length - 1 && depth === 0) return { ...current, name };
      throw new PathNotFoundError(path, `'${path.slice(0, depth).join('/')}' is a file, not a directory`);
    }
    const entry = current.manifest.entries.find((item) => item.name === name);
    if (entry === undefined) throw new PathNotFoundError(path, `no '${name}' in '${path.slice(0, depth).join('/') || '/'}'`);
    current = await resolved(node, entry.uri, name, options, entry.kind);
  }
  return current;
}

function checkKind(name: string | undefined, expected: DirectoryEntry['kind'], actual: string): void {
  if (actual !== expected) throw new InvalidManifestError(`'${name}' is listed as a ${expected} but is a ${actual}`);
}

/** The manifest at `uri`; for a directory entry, it must be of the kind the entry says. */
async function resolved(node: ClientNode, uri: ChkUri, name: string | undefined, options: FetchOptions, expected?: DirectoryEntry['kind']): Promise<Resolved> {
  const manifest = await fetchManifest(node, uri, options);
  if (expected !== undefined) checkKind(name, expected, manifest.kind);
  return manifest.kind === 'file' ? { kind: 'file', uri, manifest, name } : { kind: 'directory', uri, manifest };
}

interface Frame {
  readonly entries: readonly DirectoryEntry[];
  readonly path: readonly string[];
  readonly bytes: number;
  next: number;
}

/** What a walk keeps of a manifest it has fetched: a directory's entries, a file's type and size. */
type Known = DirectoryManifest | { readonly kind: 'file'; readonly mime: string; readonly size: number };

/**
 * Every file under a directory manifest, depth first, with its path. Each distinct manifest is
 * fetched once per walk; every path counts against the limits, so a tree whose directories share
 * children fails with `DirectoryLimitError` once it lists too much, after a few fetches.
 */
export async function* walkDirectory(node: ClientNode, root: DirectoryManifest, options: FetchOptions = {}): AsyncGenerator<WalkedFile> {
  const budget = new DirectoryBudget();
  const known = new Map<string, Known>();
  budget.directory([], root.entries.length);
  const stack: Frame[] = [{ entries: root.entries, path: [], bytes: 0, next: 0 }];
  while (stack.length > 0) {
    const frame = stack.at(-1)!;
    const entry = frame.entries[frame.next++];
    if (entry === undefined) {
      stack.pop();
      continue;
    }
    const path = [...frame.path, entry.name];
    const bytes = pathBytes(frame.bytes, entry.name);
    budget.entry(path, bytes);
    const key = `${toHex(entry.uri.routingKey)}${toHex(entry.uri.cryptoKey)}`;
    let found = known.get(key);
    if (found === undefined) {
      const { manifest } = await resolved(node, entry.uri, entry.name, options);
      found = manifest.kind === 'directory' ? manifest : { kind: 'file', mime: manifest.mime, size: manifest.size };
      known.set(key, found);
    }
    checkKind(entry.name, entry.kind, found.kind);
    if (found.kind === 'directory') {
      budget.directory(path, found.entries.length);
      stack.push({ entries: found.entries, path, bytes, next: 0 });
    } else {
      budget.file(found.size);
      yield { path, uri: entry.uri, mime: found.mime, size: found.size };
    }
  }
}
