/**
 * `GET /v1/transfers/{id}/events` (spec/node.md §3): one transfer's events as server-sent events
 * (`text/event-stream`), each `event: <type>` with the event as JSON in `data:`, ending after the
 * final one (`done` or `failed`).
 *
 *   Transfers.watch(id) ──event──> held (the newest only: a progress event replaces the one held,
 *                                  the final one replaces any)
 *   held ──socket takes it, and a progress event PROGRESS_INTERVAL_MS after the last one──> write
 *        └─ socket full ──drain──> write;   too soon after the last progress ──timer──> write
 *   final event written ──> end;   client gone or API stopping (signal) ──> unwatch
 *
 * A transfer changes with every block and every chunk of bytes; a display needs a few updates a second,
 * so a watcher gets the newest state at most every PROGRESS_INTERVAL_MS, and a slow reader costs at
 * most one held event: it misses intermediate progress, never the end.
 */
import type { ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '../../components.js';
import type { TransferEvent, Transfers } from './transfers.js';

/** Least time between two progress events on one stream. */
export const PROGRESS_INTERVAL_MS = 100;

function frame(event: TransferEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Streams transfer `id`'s events to `response` until the final one is written or `signal` aborts. */
export function streamTransferEvents(response: ServerResponse, transfers: Transfers, id: string, signal: AbortSignal, clock: Clock): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  let resolve!: () => void;
  const finished = new Promise<void>((done) => (resolve = done));
  let held: TransferEvent | undefined;
  // False until the headers are out, and while the socket holds more than it wants.
  let writable = false;
  let lastProgressAt = Number.NEGATIVE_INFINITY;
  let timer: TimerHandle | undefined;
  const write = (event: TransferEvent): void => {
    writable = response.write(frame(event));
    if (event.type === 'progress') {
      lastProgressAt = clock.now();
      return;
    }
    response.end();
    stop();
  };
  /** Writes the held event if the socket takes it and, for progress, its interval has passed (else once it has). */
  const flush = (): void => {
    if (!writable || held === undefined || timer !== undefined) return;
    const wait = held.type === 'progress' ? lastProgressAt + PROGRESS_INTERVAL_MS - clock.now() : 0;
    if (wait > 0) {
      timer = clock.setTimer(wait, () => {
        timer = undefined;
        flush();
      });
      return;
    }
    const event = held;
    held = undefined;
    write(event);
  };
  const drained = (): void => {
    writable = true;
    flush();
  };
  // Watching first: a refusal (a bad id, too many watchers) is still an error answer.
  const unwatch = transfers.watch(id, (event) => {
    held = event;
    if (event.type !== 'progress') {
      timer?.cancel();
      timer = undefined;
    }
    flush();
  });
  function stop(): void {
    unwatch();
    timer?.cancel();
    response.off('drain', drained);
    signal.removeEventListener('abort', stop);
    resolve();
  }
  signal.addEventListener('abort', stop, { once: true });
  response.on('drain', drained);
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  response.flushHeaders();
  drained();
  return finished;
}
