/**
 * Fetching to disk: one file, resumable (spec/client.md §10), or a whole directory tree.
 *
 * Next to the output `path`, a record
 * `path.warren-resume` (JSON) names the file manifest and how many segments the output
 * holds. After each segment is written and flushed the record is rewritten; a later fetch
 * of the same file truncates the output to those segments, re-hashes them locally (no
 * network), and fetches only the rest. The record is removed when the fetch completes.
 *
 *   record? ──same manifest──> truncate to done segments ──prior──> fetchContent(resume) ──append──> path
 *   directory URI ──client.walk──> each file ──fetchToFile──> root/path…
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RequestUri } from '../../protocol/keys/index.js';
import type { Client, ClientFetchOptions } from './client.js';
import { ResumeMismatchError } from './errors.js';
import type { ResumePoint } from './fetch.js';
import type { FileManifest } from './manifest.js';

const RECORD_VERSION = 1;

interface ResumeRecord {
  readonly version: number;
  /** The file manifest's CHK (without a path). */
  readonly manifest: string;
  readonly segmentsDone: number;
}

export function resumeRecordPath(path: string): string {
  return `${path}.warren-resume`;
}

async function readRecord(path: string): Promise<ResumeRecord | undefined> {
  try {
    return JSON.parse(await readFile(resumeRecordPath(path), 'utf8')) as ResumeRecord;
  } catch {
    return undefined;
  }
}

function bytesBefore(manifest: FileManifest, segments: number): number {
  return manifest.segments.slice(0, segments).reduce((sum, segment) => sum + segment.dataLength, 0);
}

async function resumePoint(path: string, manifestKey: string, manifest: FileManifest): Promise<ResumePoint | undefined> {
  const record = await readRecord(path);
  if (record === undefined || record.version !== RECORD_VERSION || record.manifest !== manifestKey) return undefined;
  const done = record.segmentsDone;
  if (!Number.isSafeInteger(done) || done < 0 || done > manifest.segments.length) throw new ResumeMismatchError('the resume record is damaged');
  const bytes = bytesBefore(manifest, done);
  const size = await stat(path).then(
    (info) => info.size,
    () => -1,
  );
  if (size < bytes) throw new ResumeMismatchError(`the partial output holds ${Math.max(size, 0)} bytes, the resume record promises ${bytes}`);
  return { fromSegment: done, prior: bytes === 0 ? (async function* () {})() : createReadStream(path, { end: bytes - 1 }) };
}

/**
 * Fetches the file `uri` names into `path`, resuming from its record if a previous fetch
 * of the same file was interrupted. Returns the number of segments fetched now.
 */
export async function fetchToFile(
  client: Client,
  uri: RequestUri | string,
  path: string,
  options: ClientFetchOptions = {},
): Promise<{ fetchedSegments: number }> {
  const { uri: manifestUri, manifest } = await client.resolveFile(uri, options);
  const manifestKey = manifestUri.toString();
  const resume = await resumePoint(path, manifestKey, manifest);
  let done = resume?.fromSegment ?? 0;
  const first = done;
  const file = await open(path, resume === undefined ? 'w' : 'r+');
  try {
    let position = bytesBefore(manifest, done);
    await file.truncate(position);
    for await (const segment of client.fetchContent(manifest, options, resume)) {
      await file.write(segment, 0, segment.length, position);
      position += segment.length;
      await file.datasync();
      done++;
      const record: ResumeRecord = { version: RECORD_VERSION, manifest: manifestKey, segmentsDone: done };
      await writeFile(resumeRecordPath(path), JSON.stringify(record));
    }
  } finally {
    await file.close();
  }
  await rm(resumeRecordPath(path), { force: true });
  return { fetchedSegments: done - first };
}

/**
 * Fetches every file under a directory URI into `root`, keeping the tree's paths (names
 * are checked by the manifest decoder: no `/`, `.` or `..`, so nothing lands outside `root`).
 * Each file is resumable as with `fetchToFile`. Returns the paths written.
 */
export async function fetchTreeToDirectory(client: Client, uri: RequestUri | string, root: string, options: ClientFetchOptions = {}): Promise<string[]> {
  const written: string[] = [];
  for await (const file of client.walk(uri, options)) {
    const path = join(root, ...file.path);
    await mkdir(dirname(path), { recursive: true });
    await fetchToFile(client, file.uri, path, options);
    written.push(file.path.join('/'));
  }
  return written;
}
