/**
 * Directories (sites, spec/client.md §6): a directory manifest maps names to the CHK
 * URIs of file manifests and of sub-directory manifests. Inserting builds the tree
 * bottom-up; fetching resolves a path one name at a time, or walks the whole tree.
 *
 *   [{path:'docs/index.html', source}…] ──tree──> files (Inserter.insertFile) ──> directory manifests, leaves first
 *   [{path, uri, mime, size}…] (files inserted one by one, e.g. through the API) ──tree──> directory manifests
 *   CHK@…/docs/index.html ──fetchManifest──> entry 'docs' ──fetchManifest──> entry 'index.html'
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ChkUri } from '../../protocol/keys/index.js';
import { nameProblem } from '../../protocol/keys/names.js';
import { InvalidManifestError, PathNotFoundError } from './errors.js';
import { fetchManifest, type FetchOptions } from './fetch.js';
import type { ContentSource, Inserter } from './insert.js';
import type { DirectoryEntry, DirectoryManifest, FileManifest } from './manifest.js';
import { mimeForName } from './mime.js';
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

interface Tree<F> {
  readonly files: Map<string, F>;
  readonly directories: Map<string, Tree<F>>;
}

const emptyTree = <F>(): Tree<F> => ({ files: new Map(), directories: new Map() });

function buildTree<F extends { readonly path: string }>(files: readonly F[]): Tree<F> {
  const root = emptyTree<F>();
  for (const file of files) {
    const names = file.path.split('/').filter((name) => name !== '');
    for (const name of names) {
      const problem = nameProblem(name);
      if (problem !== undefined) throw new RangeError(`'${file.path}': the name '${name}' is not allowed: ${problem}`);
    }
    let tree = root;
    for (const name of names.slice(0, -1)) {
      if (tree.files.has(name)) throw new RangeError(`'${file.path}': '${name}' is both a file and a directory`);
      let sub = tree.directories.get(name);
      if (sub === undefined) {
        sub = emptyTree<F>();
        tree.directories.set(name, sub);
      }
      tree = sub;
    }
    const leaf = names.at(-1);
    if (leaf === undefined) throw new RangeError(`'${file.path}' names no file`);
    if (tree.files.has(leaf) || tree.directories.has(leaf)) throw new RangeError(`'${file.path}' is given twice`);
    tree.files.set(leaf, file);
  }
  return root;
}

/** Inserts a manifest per directory, leaves first; `entryOf` gives (or inserts) each file's entry. */
async function insertTree<F>(inserter: Inserter, tree: Tree<F>, entryOf: (name: string, file: F) => Promise<DirectoryEntry>): Promise<ChkUri> {
  const entries: DirectoryEntry[] = [];
  for (const [name, sub] of tree.directories) {
    entries.push({ name, kind: 'directory', uri: await insertTree(inserter, sub, entryOf) });
  }
  for (const [name, file] of tree.files) entries.push(await entryOf(name, file));
  return inserter.insertManifest({ kind: 'directory', entries }); // encodeManifest sorts them by name
}

/** Inserts every file and a manifest per directory; returns the root manifest's CHK. */
export function insertDirectory(inserter: Inserter, files: readonly DirectoryFile[]): Promise<ChkUri> {
  return insertTree(inserter, buildTree(files), async (name, file) => {
    const mime = file.mime ?? mimeForName(name);
    const { uri, size } = await inserter.insertFile({ source: file.source, mime });
    return { name, kind: 'file', uri, mime, size };
  });
}

/** Inserts only the directory manifests over files already inserted; returns the root manifest's CHK. */
export function insertDirectoryOf(inserter: Inserter, files: readonly InsertedFile[]): Promise<ChkUri> {
  return insertTree(inserter, buildTree(files), async (name, file) => ({ name, kind: 'file', uri: file.uri, mime: file.mime, size: file.size }));
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

/** The manifest at `uri`; for a directory entry, it must be of the kind the entry says. */
async function resolved(node: ClientNode, uri: ChkUri, name: string | undefined, options: FetchOptions, expected?: DirectoryEntry['kind']): Promise<Resolved> {
  const manifest = await fetchManifest(node, uri, options);
  if (expected !== undefined && manifest.kind !== expected) throw new InvalidManifestError(`'${name}' is listed as a ${expected} but is a ${manifest.kind}`);
  return manifest.kind === 'file' ? { kind: 'file', uri, manifest, name } : { kind: 'directory', uri, manifest };
}

/** Every file under a directory manifest, depth first, with its path. */
export async function* walkDirectory(
  node: ClientNode,
  manifest: DirectoryManifest,
  options: FetchOptions = {},
  prefix: readonly string[] = [],
): AsyncGenerator<{ readonly path: readonly string[]; readonly uri: ChkUri; readonly manifest: FileManifest }> {
  for (const entry of manifest.entries) {
    const path = [...prefix, entry.name];
    const sub = await resolved(node, entry.uri, entry.name, options, entry.kind);
    if (sub.kind === 'directory') yield* walkDirectory(node, sub.manifest, options, path);
    else yield { path, uri: entry.uri, manifest: sub.manifest };
  }
}
