/**
 * `warren put FILE|DIR`: inserts through the local node's API, with progress on stderr.
 * A file is streamed up (`POST /v1/files`); a directory's files are inserted `FILES_AT_ONCE` at a
 * time, then its manifests (`POST /v1/directories`). With `--key`, the result is signed into the SSK or the
 * next free USK edition (`POST /v1/publish`). The insert URI and a directory's paths (spec/client.md
 * §12.1) are checked before anything is sent.
 *
 *   FILE ──insertFile──> CHK@…/name ─┐
 *   DIR ──files, a few at once──> insertFile ──insertDirectory──> CHK@… ─┴─ --key ──publish──> USK@…/name/N
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseInsertUri } from '../../../protocol/keys/index.js';
import { type ApiEndpoint, type DirectoryFileAnswer, insertDirectory, insertFile, type InsertedFileAnswer, publish } from '../api/client.js';
import { checkDirectoryPaths, filesOnDisk } from '../../client/directory.js';
import { resolveRedundancy } from '../../client/segments.js';
import { mapInWindow } from '../../client/window.js';
import { localEndpoint } from './endpoint.js';
import { UsageError } from './errors.js';
import { FILES_AT_ONCE, type ProgressDisplay, progressDisplay, progressDisplays, transferId, watchTransfer } from './transfer-progress.js';

export interface PutOptions {
  readonly dataDir?: string;
  /** SSK-INSERT@… or USK-INSERT@…: publish the result there. */
  readonly key?: string;
  /** The file's name in its URI (default: the file's own name). */
  readonly name?: string;
  readonly dataBlocks?: string;
  readonly checkBlocks?: string;
  readonly json?: boolean;
}

export interface PutResult {
  /** The CHK of the file or directory. */
  readonly uri: string;
  readonly kind: 'file' | 'directory';
  readonly size: number;
  readonly mime?: string;
  readonly files?: readonly DirectoryFileAnswer[];
  /** With --key: the request URI it was published under. */
  readonly published?: string;
}

function count(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${option} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** The FEC parameters, checked here so that a bad value is refused before the upload. */
function redundancy(options: PutOptions): { k?: number | undefined; m?: number | undefined } {
  const k = count(options.dataBlocks, '--data-blocks');
  const m = count(options.checkBlocks, '--check-blocks');
  try {
    resolveRedundancy({ ...(k === undefined ? {} : { dataBlocksPerSegment: k }), ...(m === undefined ? {} : { checkBlocksPerSegment: m }) });
  } catch (error) {
    throw new UsageError(`--data-blocks 1..255 and --check-blocks 0..255 with a sum ≤ 256: ${(error as Error).message}`);
  }
  return { k, m };
}

async function putFile(
  endpoint: ApiEndpoint,
  path: string,
  size: number,
  name: string,
  fec: { k?: number | undefined; m?: number | undefined },
  display: ProgressDisplay,
): Promise<InsertedFileAnswer> {
  const id = transferId();
  return watchTransfer(endpoint, id, display, () => insertFile(endpoint, { path, size, name, id, ...fec }));
}

export async function runPut(target: string, options: PutOptions): Promise<PutResult> {
  const insertUri = options.key === undefined ? undefined : parseInsertUri(options.key);
  const fec = redundancy(options);
  const info = await stat(target).catch(() => {
    throw new UsageError(`${target}: no such file or directory`);
  });
  const onDisk = info.isDirectory() ? await filesOnDisk(target) : [];
  checkDirectoryPaths(onDisk); // a name the node would refuse is refused before any file is sent
  const endpoint = await localEndpoint(options.dataDir);
  const json = options.json === true;
  let result: PutResult;
  if (info.isDirectory()) {
    if (options.name !== undefined) throw new UsageError("--name names a file; a directory's files keep their own names");
    const displays = progressDisplays(process.stderr, json);
    let files: DirectoryFileAnswer[];
    try {
      files = await mapInWindow(onDisk, FILES_AT_ONCE, async (file) => {
        const { size } = await stat(file.source as string);
        return { path: file.path, ...(await putFile(endpoint, file.source as string, size, basename(file.path), fec, displays.display(`put ${file.path}`))) };
      });
    } finally {
      displays.finish();
    }
    const uri = await insertDirectory(endpoint, files);
    result = { uri, kind: 'directory', size: files.reduce((sum, file) => sum + file.size, 0), files };
  } else {
    const name = options.name ?? basename(target);
    const answer = await putFile(endpoint, target, info.size, name, fec, progressDisplay(process.stderr, `put ${name}`, json));
    result = { ...answer, kind: 'file' };
  }
  if (insertUri === undefined) return result;
  return { ...result, published: await publish(endpoint, insertUri.toString(), result.uri) };
}

/** What a person reads: the URI to share. */
export function formatPut(result: PutResult): string {
  return result.published ?? result.uri;
}
