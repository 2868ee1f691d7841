/**
 * `warren cat URI[/path]` and `warren ls URI`: read the network from a shell, through the local
 * node's API. `cat` streams one file's content to stdout, quietly (`GET /v1/files/<uri>`); `ls` lists
 * every file under a directory with its size and type (`GET /v1/directories/<uri>`), or as JSON.
 */
import type { Writable } from 'node:stream';
import { parseRequestUri } from '../../../protocol/keys/index.js';
import { type DirectoryFileAnswer, fetchFile, listDirectory } from '../api/client.js';
import { localEndpoint } from './endpoint.js';
import { toStdout } from './get-command.js';

export interface ListResult {
  readonly uri: string;
  readonly files: readonly DirectoryFileAnswer[];
}

/** Writes the file's content to `stdout`; a directory is the node's ERR_WRONG_KIND. */
export async function runCat(text: string, options: { readonly dataDir?: string }, stdout: Writable = process.stdout): Promise<void> {
  parseRequestUri(text);
  const endpoint = await localEndpoint(options.dataDir);
  await toStdout(await fetchFile(endpoint, text), stdout);
}

export async function runLs(text: string, options: { readonly dataDir?: string }): Promise<ListResult> {
  parseRequestUri(text);
  return { uri: text, files: await listDirectory(await localEndpoint(options.dataDir), text) };
}

/** One line a file: size, type and path. */
export function formatLs(result: ListResult): string {
  const width = Math.max(0, ...result.files.map((file) => String(file.size).length));
  return result.files.map((file) => `${String(file.size).padStart(width)}  ${file.mime.padEnd(24)}  ${file.path}`).join('\n');
}
