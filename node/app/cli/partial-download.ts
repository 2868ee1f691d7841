/**
 * `warren get` to a file, resumable (spec/client.md §10): the content goes into `.NAME.warren-partial`
 * beside the output; every `RECORD_EVERY_BYTES` the partial file is flushed and `.NAME.warren-resume`
 * records what it vouches for — the URI, the node's entity tag for the file (its manifest's CHK), the
 * size, the bytes written and the content hash of those bytes. A later get of the same URI to the same
 * output re-hashes the kept bytes against the record and asks the node only for the rest (`Range` under
 * `If-Range`, get-command.ts); the whole file is checked against the node's `X-Warren-Content-Hash`
 * before it is renamed to NAME, so the final name never holds a partial or unchecked file.
 *
 *   keptDownload(paths, uri) ──record of this URI, kept bytes re-hashed, same──> KeptDownload (hasher carried on)
 *   PartialDownload.open(paths, target, kept?) ──write(chunk)… (record every 1 MiB)──> finish(path): hash ok ──rename──> NAME
 *                                                                             └── abandon(): kept if a record vouches for bytes
 */
import { createReadStream } from 'node:fs';
import { type FileHandle, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fromHex, toHex } from '../../../protocol/bytes.js';
import { createHasher, equalBytes, type Hasher } from '../../../protocol/crypto.js';
import { ContentHashMismatchError } from '../../client/errors.js';
import { CONTENT_HASH_TAG } from '../../client/insert.js';

const RECORD_VERSION = 1;
/** Bytes written between two records: each record costs a flush of the partial file. */
export const RECORD_EVERY_BYTES = 1024 * 1024;

/** The files of one download beside its output `NAME`. */
export interface DownloadPaths {
  /** `.NAME.warren-partial`: the content so far. */
  readonly partial: string;
  /** `.NAME.warren-resume`: what the partial file holds (JSON). */
  readonly record: string;
}

export function downloadPaths(path: string): DownloadPaths {
  const hidden = join(dirname(path), `.${basename(path)}`);
  return { partial: `${hidden}.warren-partial`, record: `${hidden}.warren-resume` };
}

/** The file a download writes, as the node's answer names it. */
export interface DownloadTarget {
  /** The URI asked for. */
  readonly uri: string;
  /** The node's entity tag: the file manifest's CHK, quoted. */
  readonly etag: string;
  readonly size: number;
  /** For a USK: the edition the node followed. */
  readonly edition?: number | undefined;
}

interface ResumeRecord extends DownloadTarget {
  readonly version: number;
  /** Bytes at the start of the partial file that the record vouches for: flushed before it was written. */
  readonly bytesDone: number;
  /** Hex content hash (spec/client.md §1, `CONTENT_HASH_TAG`) of those bytes. */
  readonly doneHash: string;
}

/** A partial download found on disk, checked: its record, and the content hash carried through its kept bytes. */
export interface KeptDownload {
  readonly record: ResumeRecord;
  readonly hasher: Hasher;
}

function isRecord(value: unknown): value is ResumeRecord {
  const record = value as Partial<ResumeRecord> | null;
  return (
    typeof record === 'object' &&
    record !== null &&
    record.version === RECORD_VERSION &&
    typeof record.uri === 'string' &&
    typeof record.etag === 'string' &&
    typeof record.doneHash === 'string' &&
    Number.isSafeInteger(record.size) &&
    Number.isSafeInteger(record.bytesDone) &&
    record.bytesDone! > 0 &&
    record.bytesDone! < record.size! &&
    (record.edition === undefined || Number.isSafeInteger(record.edition))
  );
}

async function hashOfStart(path: string, bytes: number): Promise<Hasher> {
  const hasher = createHasher(CONTENT_HASH_TAG);
  for await (const chunk of createReadStream(path, { end: bytes - 1 }) as AsyncIterable<Buffer>) hasher.update(chunk);
  return hasher;
}

/**
 * The partial download of `uri` kept at `paths`, its bytes re-read and matching its record; else why not
 * (`note`, for the person: a partial download of another URI, a damaged record, bytes changed on disk).
 */
export async function keptDownload(paths: DownloadPaths, uri: string): Promise<{ kept?: KeptDownload; note?: string }> {
  const text = await readFile(paths.record, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    record = undefined;
  }
  if (!isRecord(record)) return { note: `the resume record ${paths.record} is damaged: starting over` };
  if (record.uri !== uri) return { note: `${paths.partial} held a download of another URI: starting over` };
  const size = await stat(paths.partial).then(
    (info) => info.size,
    () => 0,
  );
  if (size < record.bytesDone) return { note: `${paths.partial} is shorter than its record: starting over` };
  const hasher = await hashOfStart(paths.partial, record.bytesDone);
  if (toHex(hasher.digestSoFar()) !== record.doneHash) return { note: `the kept bytes of ${paths.partial} changed on disk: starting over` };
  return { kept: { record, hasher } };
}

/** One download being written: into the partial file, hashed as it goes, recorded every `RECORD_EVERY_BYTES`. */
export class PartialDownload {
  private recorded: number;

  private constructor(
    private readonly paths: DownloadPaths,
    private readonly target: DownloadTarget,
    private readonly file: FileHandle,
    private readonly hasher: Hasher,
    private written: number,
  ) {
    this.recorded = written;
  }

  /** Opens the partial file: after the kept bytes when resuming `kept`, else empty (a record of anything else goes). */
  static async open(paths: DownloadPaths, target: DownloadTarget, kept?: KeptDownload): Promise<PartialDownload> {
    if (kept === undefined) await rm(paths.record, { force: true });
    const file = await open(paths.partial, kept === undefined ? 'w' : 'r+');
    const done = kept?.record.bytesDone ?? 0;
    await file.truncate(done);
    return new PartialDownload(paths, target, file, kept?.hasher ?? createHasher(CONTENT_HASH_TAG), done);
  }

  /** Bytes the partial file holds. */
  get bytesWritten(): number {
    return this.written;
  }

  /** Bytes a later get would keep. */
  get bytesRecorded(): number {
    return this.recorded;
  }

  async write(chunk: Uint8Array): Promise<void> {
    await this.file.write(chunk, 0, chunk.length, this.written);
    this.written += chunk.length;
    this.hasher.update(chunk);
    if (this.written - this.recorded >= RECORD_EVERY_BYTES && this.written < this.target.size) await this.record();
  }

  /** Checks the whole content against `contentHash` and renames it to `path`; a mismatch removes it. */
  async finish(path: string, contentHash: string): Promise<void> {
    await this.file.close();
    if (this.written !== this.target.size || !equalBytes(this.hasher.digest(), fromHex(contentHash))) {
      await this.discard();
      throw new ContentHashMismatchError();
    }
    await rename(this.paths.partial, path);
    await rm(this.paths.record, { force: true });
  }

  /** After a failure: the partial file stays while a record vouches for some of it (a later get resumes), else it goes. */
  async abandon(): Promise<void> {
    await this.file.close().catch(() => undefined);
    if (this.recorded === 0) await this.discard();
  }

  private async discard(): Promise<void> {
    await rm(this.paths.partial, { force: true });
    await rm(this.paths.record, { force: true });
  }

  /** Flushes what is written, then records it (through a temporary file: a record is whole or absent). */
  private async record(): Promise<void> {
    await this.file.datasync();
    const record: ResumeRecord = { version: RECORD_VERSION, ...this.target, bytesDone: this.written, doneHash: toHex(this.hasher.digestSoFar()) };
    await writeFile(`${this.paths.record}.new`, JSON.stringify(record));
    await rename(`${this.paths.record}.new`, this.paths.record);
    this.recorded = this.written;
  }
}
