/**
 * `GET /v1/transfers/{id}/events` (spec/node.md §3): one transfer's events as server-sent events
 * (`text/event-stream`), each `event: <type>` with the event as JSON in `data:`, ending after the
 * final one (`done` or `failed`).
 *
 *   Transfers.watch(id) ──event──> write, while the socket takes it
 *                                  └─ socket full: hold the newest event only (a progress event
 *                                     replaces the one held; the final one replaces any) ──drain──> write
 *   final event written ──> end;   client gone or API stopping (signal) ──> unwatch
 *
 * A slow reader thus costs at most one held event: it misses intermediate progress, never the end.
 */
import type { ServerResponse } from 'node:http';
import type { TransferEvent, Transfers } from './transfers.js';

function frame(event: TransferEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Streams transfer `id`'s events to `response` until the final one is written or `signal` aborts. */
export function streamTransferEvents(response: ServerResponse, transfers: Transfers, id: string, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  let resolve!: () => void;
  const finished = new Promise<void>((done) => (resolve = done));
  let held: TransferEvent | undefined;
  // False until the headers are out, and while the socket holds more than it wants.
  let writable = false;
  const write = (event: TransferEvent): void => {
    writable = response.write(frame(event));
    if (event.type === 'progress') return;
    response.end();
    stop();
  };
  const flush = (): void => {
    writable = true;
    const event = held;
    held = undefined;
    if (event !== undefined) write(event);
  };
  // Watching first: a refusal (a bad id, too many watchers) is still an error answer.
  const unwatch = transfers.watch(id, (event) => {
    if (writable) write(event);
    else held = event;
  });
  function stop(): void {
    unwatch();
    response.off('drain', flush);
    signal.removeEventListener('abort', stop);
    resolve();
  }
  signal.addEventListener('abort', stop, { once: true });
  response.on('drain', flush);
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  response.flushHeaders();
  flush();
  return finished;
}
