/**
 * The client side of the local API, for `warren status` and scripts written in TypeScript:
 * one authenticated call, with the server's `{ error: { code, message } }` turned into an error.
 */
import { WarrenError } from '../../protocol/errors.js';
import type { NodeStatus } from './status.js';

/** The API answered with an error, or could not be reached. */
export class ApiCallError extends WarrenError {
  readonly code: string;
  constructor(code: string, message: string, readonly status: number | undefined, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export interface ApiEndpoint {
  /** e.g. http://127.0.0.1:7401 */
  readonly url: string;
  readonly token: string;
}

/** GET /v1/status. */
export async function fetchStatus(endpoint: ApiEndpoint, options: { signal?: AbortSignal } = {}): Promise<NodeStatus> {
  let response: Response;
  try {
    response = await fetch(`${endpoint.url}/v1/status`, { headers: { authorization: `Bearer ${endpoint.token}` }, signal: options.signal ?? null });
  } catch (cause) {
    throw new ApiCallError('ERR_API_UNREACHABLE', `the node's API at ${endpoint.url} does not answer: is the node running?`, undefined, { cause });
  }
  const body = (await response.json()) as unknown;
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } }).error;
    throw new ApiCallError(error?.code ?? 'ERR_API', error?.message ?? `HTTP ${response.status}`, response.status);
  }
  return body as NodeStatus;
}
