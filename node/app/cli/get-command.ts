/**
 * `warren get URI`: fetches through the local node's API, with progress on stderr. A file is
 * streamed down (`GET /v1/files/<uri>`) to `-o PATH`, to the name the URI carries, or to stdout (`-o -`);
 * a directory (the node answers ERR_WRONG_KIND for a file fetch) is listed
 * (`GET /v1/directories/<uri>`) and its files fetched under `-o DIR`, `FILES_AT_ONCE` at a time —
 * after a question (or `--yes`) when it writes far more than its distinct files hold (spec/client.md
 * §12.3). Each file is written under a temporary name and renamed once whole (its hash checked by the
 * node), so a failed or interrupted get never leaves a partial file under the final name; a file that
 * exists is not written over without `--force` (checked for every path before anything is fetched).
 * Blocks the node rebuilt are inserted again by it (unless `--no-heal`); the command waits for that
 * after the file is whole, and says how many (spec/client.md §9.1).
 *
 *   URI ──fetchFile──> body ──> PATH | stdout
 *        └─ ERR_WRONG_KIND ──listDirectory──> expansion asked? ──> each file ──fetchFile──> DIR/path
 */
import { createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseRequestUri } from '../../../protocol/keys/index.js';
import type { HealCounts } from '../../client/healer.js';
import { ApiCallError, type ApiEndpoint, type DirectoryFileAnswer, fetchFile, listDirectory } from '../api/client.js';
import type { TransferStatus } from '../api/transfers.js';
import { EXPANSION_ALLOWANCE_BYTES, EXPANSION_FACTOR, expansionOf } from '../../client/directory-limits.js';
import { mapInWindow } from '../../client/window.js';
import { confirm } from './confirm.js';
import { localEndpoint } from './endpoint.js';
import { ExpansionRefusedError, OutputExistsError, UsageError } from './errors.js';
import { bytes } from './status-command.js';
import { FILES_AT_ONCE, type ProgressDisplay, progressDisplay, progressDisplays, transferId, watchTransfer } from './transfer-progress.js';

export interface GetOptions {
  readonly dataDir?: string;
  readonly output?: string;
  readonly json?: boolean;
  /** Write a directory even when it writes far more than it stores (spec/client.md §12.3). */
  readonly yes?: boolean;
  /** Write over files that exist. */
  readonly force?: boolean;
  /** false (`--no-heal`): the node does not insert again the blocks it had to rebuild for this get. */
  readonly heal?: boolean;
}

export interface FetchedFile {
  /** Where it was written; absent when written to stdout. */
  readonly path?: string;
  readonly size: number;
  readonly mime: string;
  /** For a USK: the edition fetched (the newest found at or after the one asked for). */
  readonly edition?: number;
  /** Blocks the node could not find and rebuilt, and what healing did with them (spec/client.md §9.1). */
  readonly healing?: HealCounts;
}

export interface GetResult {
  readonly uri: string;
  readonly kind: 'file' | 'directory';
  readonly files: readonly FetchedFile[];
}

/** Where a file is written until it is whole: the final name never holds a partial file. */
const partialName = (path: string): string => join(dirname(path), `.${basename(path)}.warren-partial`);

/**
 * Writes the body to `path` (or `stdout`): into a temporary name beside it, renamed to `path` once
 * the body has ended — which the node's answer does only once the full-content hash has checked
 * out. A transfer cut short removes the temporary file.
 */
export async function save(response: IncomingMessage, path: string | undefined, stdout: Writable = process.stdout): Promise<void> {
  const partial = path === undefined ? undefined : partialName(path);
  try {
    await pipeline(response, partial === undefined ? stdout : createWriteStream(partial));
    if (partial !== undefined && path !== undefined) await rename(partial, path);
  } catch (cause) {
    if (partial !== undefined) await rm(partial, { force: true });
    if (response.complete) throw cause; // a local failure: the disk, the output's permissions
    throw new ApiCallError('ERR_TRANSFER_CUT', 'the transfer was cut short: the node stopped, or the content did not match its hash', undefined, { cause });
  }
}

/**
 * Fetches one file. The node ends the transfer once the blocks it rebuilt are inserted again, after the
 * last byte: the file is whole on disk before that, and the final event says what healing did.
 */
async function getFile(endpoint: ApiEndpoint, uri: string, path: string | undefined, display: ProgressDisplay, heal: boolean): Promise<FetchedFile> {
  const id = transferId();
  let last: TransferStatus | undefined;
  const watched: ProgressDisplay = {
    update: (status) => {
      last = status;
      display.update(status);
    },
    finish: () => display.finish(),
  };
  const file = await watchTransfer(endpoint, id, watched, async () => {
    const response = await fetchFile(endpoint, uri, { id, heal });
    if (path !== undefined) await mkdir(dirname(path), { recursive: true });
    await save(response, path);
    const edition = response.headers['x-warren-edition'];
    return {
      ...(path === undefined ? {} : { path }),
      size: Number(response.headers['content-length'] ?? 0),
      mime: String(response.headers['content-type']),
      ...(typeof edition === 'string' ? { edition: Number(edition) } : {}),
    };
  });
  const healing = (last as TransferStatus | undefined)?.healing;
  return healing === undefined ? file : { ...file, healing };
}

/** Refuses, unless confirmed, a listing that writes more than §12.3 allows for what it stores (shared files, a bomb). */
async function checkExpansion(files: readonly DirectoryFileAnswer[], options: GetOptions): Promise<void> {
  const { declaredBytes, storedBytes, needsConsent } = expansionOf(files);
  if (!needsConsent || options.yes === true) return;
  const what = `this directory writes ${bytes(declaredBytes)} in ${files.length} files from ${bytes(storedBytes)} of distinct files`;
  if (await confirm(`${what}. Write it all?`, options.json === true)) return;
  throw new ExpansionRefusedError(`${what}, more than ${EXPANSION_FACTOR}× that + ${bytes(EXPANSION_ALLOWANCE_BYTES)}: give --yes to write it anyway`);
}

/** Refuses, before anything is fetched, to write over a file that exists, unless `--force`. */
async function checkFree(paths: readonly string[], options: GetOptions): Promise<void> {
  if (options.force === true) return;
  for (const path of paths) {
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new OutputExistsError(path);
  }
}

export async function runGet(text: string, options: GetOptions): Promise<GetResult> {
  const uri = parseRequestUri(text);
  const endpoint = await localEndpoint(options.dataDir);
  const json = options.json === true;
  const heal = options.heal !== false;
  // `-o -` is stdout, asked for: no name needed, a terminal or not.
  const toStdout = options.output === '-';
  const output = toStdout ? undefined : (options.output ?? uri.path.at(-1));
  if (output === undefined && !toStdout && (json || process.stdout.isTTY))
    throw new UsageError('this URI carries no file name: give -o PATH, or -o - for stdout');
  try {
    if (output !== undefined) await checkFree([output], options);
    const display = progressDisplay(process.stderr, `get ${output ?? 'stdout'}`, json);
    return { uri: text, kind: 'file', files: [await getFile(endpoint, text, output, display, heal)] };
  } catch (error) {
    if (!(error instanceof ApiCallError && error.code === 'ERR_WRONG_KIND')) throw error;
  }
  if (options.output === undefined || toStdout) throw new UsageError('this URI names a directory: give -o DIR to fetch it into (warren ls lists it)');
  const outputDirectory = options.output;
  const displays = progressDisplays(process.stderr, json);
  try {
    const listing = await listDirectory(endpoint, text);
    await checkExpansion(listing, options);
    const pathOf = (file: DirectoryFileAnswer): string => join(outputDirectory, ...file.path.split('/'));
    await checkFree(listing.map(pathOf), options);
    const files = await mapInWindow(listing, FILES_AT_ONCE, (file) => getFile(endpoint, file.uri, pathOf(file), displays.display(`get ${pathOf(file)}`), heal));
    return { uri: text, kind: 'directory', files };
  } finally {
    displays.finish();
  }
}

/** What healing did for one file, when the node had to rebuild blocks of it. */
function healingNote(healing: HealCounts | undefined): string {
  if (healing === undefined || healing.rebuilt === 0) return '';
  const { rebuilt, inserted, failed, dropped, mismatched } = healing;
  const others = Object.entries({ failed, 'dropped (over a cap of healing)': dropped, 'not matching their keys': mismatched }).filter(([, count]) => count > 0);
  return `; ${rebuilt} blocks rebuilt, ${inserted} inserted again${others.map(([what, count]) => `, ${count} ${what}`).join('')}`;
}

/** What a person reads: where each file went, and what the node healed. */
export function formatGet(result: GetResult): string {
  return result.files
    .map(
      (file) =>
        `${file.path} (${file.size} bytes, ${file.mime}${file.edition === undefined ? '' : `, USK edition ${file.edition}`}${healingNote(file.healing)})`,
    )
    .join('\n');
}
