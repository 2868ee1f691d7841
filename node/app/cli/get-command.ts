/**
 * `warren get URI`: fetches through the local node's API, with progress on stderr. A file is
 * streamed down (`GET /v1/files/<uri>`) to `-o PATH`, to the name the URI carries, or to stdout (`-o -`);
 * a directory (the node answers ERR_WRONG_KIND for a file fetch) is listed
 * (`GET /v1/directories/<uri>`) and its files fetched under `-o DIR`, `FILES_AT_ONCE` at a time —
 * after a question (or `--yes`) when it writes far more than its distinct files hold (spec/client.md
 * §12.3). Each file is written under a temporary name, resumably (partial-download.ts, spec/client.md
 * §10), and renamed once whole and its content hash checked, so a failed or interrupted get never
 * leaves a partial file under the final name, and the next get of the same URI fetches only the rest; a
 * file that exists is not written over without `--force` (checked for every path before anything is fetched).
 * Blocks the node rebuilt are inserted again by it (unless `--no-heal`); the command waits for that
 * after the file is whole, and says how many (spec/client.md §9.1).
 *
 *   URI ──kept partial download? ──fetchFile (Range + If-Range when resuming)──> body ──> PATH | stdout
 *        └─ ERR_WRONG_KIND ──listDirectory──> expansion asked? ──> each file, as above ──> DIR/path
 */
import { access, mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseRequestUri } from '../../../protocol/keys/index.js';
import { ApiCallError, type ApiEndpoint, type DirectoryFileAnswer, fetchFile, listDirectory } from '../api/client.js';
import type { TransferStatus } from '../api/transfers.js';
import { EXPANSION_ALLOWANCE_BYTES, EXPANSION_FACTOR, expansionOf } from '../../client/directory-limits.js';
import type { HealCounts } from '../../client/healer.js';
import { mapInWindow } from '../../client/window.js';
import { confirm } from './confirm.js';
import { localEndpoint } from './endpoint.js';
import { ExpansionRefusedError, OutputExistsError, UnexpectedAnswerError, UsageError } from './errors.js';
import { type DownloadTarget, downloadPaths, type KeptDownload, keptDownload, PartialDownload } from './partial-download.js';
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
  /** The bytes a partial download kept, when this get resumed it. */
  readonly resumedFrom?: number;
  /** Blocks the node could not find and rebuilt, and what healing did with them (spec/client.md §9.1). */
  readonly healing?: HealCounts;
}

export interface GetResult {
  readonly uri: string;
  readonly kind: 'file' | 'directory';
  readonly files: readonly FetchedFile[];
}

/** Writes the body to `stdout`; a transfer cut short is `ERR_TRANSFER_CUT`. */
export async function toStdout(response: IncomingMessage, stdout: Writable = process.stdout): Promise<void> {
  try {
    await pipeline(response, stdout);
  } catch (cause) {
    throw cutShort(response, cause, '');
  }
}

/** The error for a body that did not arrive whole: the node's fault when the answer is incomplete, else the local one (the disk, permissions). */
function cutShort(response: IncomingMessage, cause: unknown, kept: string): unknown {
  if (response.complete || (cause as { syscall?: unknown }).syscall !== undefined) return cause;
  return new ApiCallError('ERR_TRANSFER_CUT', `the transfer was cut short: the node stopped, or the content did not match its hash${kept}`, undefined, {
    cause,
  });
}

const editionChange = (now: string | undefined, was: number | undefined): string => (now === undefined ? '' : ` (USK edition ${now}, was ${was})`);

const headerOf = (response: IncomingMessage, name: string): string | undefined => {
  const value = response.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * Writes the body to `path` through its partial download (partial-download.ts): a resumed one when the
 * node kept the range (206), checked against the full-content hash before the rename. After a failure
 * the partial file stays while its record vouches for some of it, for the next get to resume.
 */
async function saveToFile(response: IncomingMessage, path: string, target: DownloadTarget, kept: KeptDownload | undefined): Promise<void> {
  const contentHash = headerOf(response, 'x-warren-content-hash');
  const range = headerOf(response, 'content-range');
  const resumedRange = kept === undefined ? range : `bytes ${kept.record.bytesDone}-${target.size - 1}/${target.size}`;
  if (contentHash === undefined || range !== resumedRange) {
    response.destroy();
    throw new UnexpectedAnswerError(
      contentHash === undefined
        ? 'the node named no content hash: is it an older version?'
        : `the node answered ${range} to a resume from byte ${kept?.record.bytesDone}`,
    );
  }
  await mkdir(dirname(path), { recursive: true });
  const download = await PartialDownload.open(downloadPaths(path), target, kept);
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) await download.write(chunk);
    if (!response.complete) throw new Error('the answer ended early');
    await download.finish(path, contentHash);
  } catch (cause) {
    await download.abandon();
    const recorded = download.bytesRecorded;
    throw cutShort(response, cause, recorded > 0 ? `; ${bytes(recorded)} are kept: the same warren get resumes from there` : '');
  }
}

/**
 * Fetches one file to `path` (or stdout), resuming a partial download of the same URI kept beside it:
 * `Range` from its recorded bytes under `If-Range` with its entity tag, so that a URI that now names other
 * content (a newer USK edition) is fetched whole and written from the start, never spliced. The node ends
 * the transfer once the blocks it rebuilt are inserted again, after the last byte: the file is whole on
 * disk before that, and the final event says what healing did.
 */
async function getFile(
  endpoint: ApiEndpoint,
  uri: string,
  path: string | undefined,
  display: ProgressDisplay,
  note: (line: string) => void,
  heal: boolean,
): Promise<FetchedFile> {
  const id = transferId();
  const found = path === undefined ? {} : await keptDownload(downloadPaths(path), uri);
  if (found.note !== undefined) note(found.note);
  const asked = found.kept?.record;
  let last: TransferStatus | undefined;
  const watched: ProgressDisplay = {
    update: (status) => {
      last = status;
      display.update(status);
    },
    finish: () => display.finish(),
  };
  const file = await watchTransfer(endpoint, id, watched, async () => {
    const resume = asked === undefined ? {} : { from: asked.bytesDone, ifRange: asked.etag };
    const response = await fetchFile(endpoint, uri, { id, heal, ...resume });
    const edition = headerOf(response, 'x-warren-edition');
    const size = asked !== undefined && response.statusCode === 206 ? asked.size : Number(response.headers['content-length'] ?? 0);
    if (path === undefined) await toStdout(response);
    else {
      const kept = response.statusCode === 206 ? found.kept : undefined;
      if (asked !== undefined && kept === undefined)
        note(`${path}: the URI names other content since the interrupted get${editionChange(edition, asked.edition)}: starting over`);
      else if (asked !== undefined) note(`${path}: resuming after ${bytes(asked.bytesDone)} of ${bytes(asked.size)}`);
      const etag = headerOf(response, 'etag') ?? '';
      await saveToFile(response, path, { uri, etag, size, ...(edition === undefined ? {} : { edition: Number(edition) }) }, kept);
    }
    return {
      ...(path === undefined ? {} : { path }),
      size,
      mime: String(response.headers['content-type']),
      ...(edition === undefined ? {} : { edition: Number(edition) }),
      ...(asked !== undefined && response.statusCode === 206 ? { resumedFrom: asked.bytesDone } : {}),
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
  const note = (line: string): void => void process.stderr.write(json ? `${JSON.stringify({ note: line })}\n` : `${line}\n`);
  // `-o -` is stdout, asked for: no name needed, a terminal or not.
  const toStdout = options.output === '-';
  const output = toStdout ? undefined : (options.output ?? uri.path.at(-1));
  if (output === undefined && !toStdout && (json || process.stdout.isTTY))
    throw new UsageError('this URI carries no file name: give -o PATH, or -o - for stdout');
  try {
    if (output !== undefined) await checkFree([output], options);
    const display = progressDisplay(process.stderr, `get ${output ?? 'stdout'}`, json);
    return { uri: text, kind: 'file', files: [await getFile(endpoint, text, output, display, note, heal)] };
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
    const files = await mapInWindow(listing, FILES_AT_ONCE, (file) =>
      getFile(endpoint, file.uri, pathOf(file), displays.display(`get ${pathOf(file)}`), note, heal),
    );
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
    .map((file) => {
      const edition = file.edition === undefined ? '' : `, USK edition ${file.edition}`;
      const resumed = file.resumedFrom === undefined ? '' : `, resumed after byte ${file.resumedFrom}`;
      return `${file.path} (${file.size} bytes, ${file.mime}${edition}${resumed}${healingNote(file.healing)})`;
    })
    .join('\n');
}
