/** Small HTTP helpers the API's handlers share (JSON answers, allowed methods, bounded bodies), and with the gateway: listening and closing. */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { BadRequestError, MethodNotAllowedError, PayloadTooLargeError } from './errors.js';

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

export function allow(request: IncomingMessage, methods: readonly string[]): void {
  if (!methods.includes(request.method ?? '')) throw new MethodNotAllowedError(`${request.method} is not allowed here; use ${methods.join(' or ')}`);
}

/** The whole body, refused with `PayloadTooLargeError` as soon as it is known to exceed `limit`. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) throw new PayloadTooLargeError(limit);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks, length);
  return new Uint8Array(body.buffer, body.byteOffset, body.length);
}

/** A JSON object body of at most `limit` bytes. */
export async function readJson(request: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const text = new TextDecoder().decode(await readBody(request, limit));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadRequestError('the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadRequestError('the body must be a JSON object');
  return value as Record<string, unknown>;
}

/** Listens on `host:port`; rejects with the listen error (EADDRINUSE…). */
export function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Stops accepting and closes every connection, idle or not. */
export async function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
