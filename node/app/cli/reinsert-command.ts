/**
 * `warren reinsert URI`: the publisher's way to keep a file alive (spec/client.md §9.2). The node fetches
 * the file (rebuilding what is missing) and inserts every one of its blocks again — manifests, data and
 * check blocks — through `POST /v1/reinsert/<uri>`, with progress on stderr; the command prints how many
 * blocks went in, and fails (exit code 1) if any did not.
 *
 *   URI ──watchTransfer(reinsert)──> {blocks, inserted, failed, mismatched} ──> a line, or JSON
 */
import { parseRequestUri } from '../../../protocol/keys/index.js';
import { type ReinsertAnswer, reinsert } from '../api/client.js';
import { localEndpoint } from './endpoint.js';
import { ReinsertIncompleteError } from './errors.js';
import { progressDisplay, transferId, watchTransfer } from './transfer-progress.js';

export interface ReinsertCommandOptions {
  readonly dataDir?: string;
  readonly json?: boolean;
}

export function formatReinsert(answer: ReinsertAnswer): string {
  return `inserted again ${answer.inserted} of the ${answer.blocks} blocks of ${answer.uri}`;
}

export async function runReinsert(text: string, options: ReinsertCommandOptions): Promise<ReinsertAnswer> {
  parseRequestUri(text);
  const endpoint = await localEndpoint(options.dataDir);
  const id = transferId();
  const display = progressDisplay(process.stderr, 'reinsert', options.json === true);
  const answer = await watchTransfer(endpoint, id, display, () => reinsert(endpoint, text, { id }));
  if (answer.failed > 0 || answer.mismatched > 0) {
    const problems = [answer.failed > 0 ? `${answer.failed} failed` : '', answer.mismatched > 0 ? `${answer.mismatched} did not match their keys` : '']
      .filter((part) => part !== '')
      .join(', ');
    throw new ReinsertIncompleteError(`${formatReinsert(answer)}: ${problems}`);
  }
  return answer;
}
