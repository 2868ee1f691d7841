/**
 * Progress of a transfer running at the node, for `warren put` and `warren get`: the command
 * opens the transfer's event stream (`GET /v1/transfers/{id}/events`) before it starts the
 * transfer under that id, and shows each event on stderr — a progress bar on a terminal (blocks
 * done/total, MB/s, ETA), else a plain line (or a JSON line with --json) at most every second and
 * one for the state it ended in.
 *
 *   watchTransfer(id, start) ──transferEvents(id)──> watching ──start()──> the transfer's call
 *     progress … done | failed ──> display.update;   the call settled (and, if it succeeded, its final event seen) ──> finish
 */
import cliProgress from 'cli-progress';
import { randomBytes } from '../../../protocol/crypto.js';
import { toHex } from '../../../protocol/bytes.js';
import { type ApiEndpoint, transferEvents } from '../api/client.js';
import type { TransferStatus } from '../api/transfers.js';
import { bytes } from './status-command.js';

/**
 * Files of a directory transferred at once by `warren put` and `warren get`: a small file's
 * transfer is mostly waiting on the network (an insert crosses up to 18 hops, each in two
 * steps), so a few at once keep the node busy without one directory taking all of it.
 */
export const FILES_AT_ONCE = 4;
const LINE_INTERVAL_MS = 1_000;

export interface ProgressDisplay {
  update(status: TransferStatus): void;
  finish(): void;
}

const megabytesPerSecond = ({ bytesDone, elapsedMs }: TransferStatus): number => (elapsedMs > 0 ? bytesDone / elapsedMs / 1000 : 0);

/** Blocks, and the content bytes with their rate; a re-insert moves no content through the API, so blocks alone. */
function plainLine(status: TransferStatus, mbps: number): string {
  const blocks = `${status.blocksDone}/${status.blocksTotal || '?'} blocks`;
  if (status.kind === 'reinsert') return blocks;
  return `${blocks}, ${bytes(status.bytesDone)} of ${status.bytesTotal > 0 ? bytes(status.bytesTotal) : '?'}, ${mbps.toFixed(2)} MB/s`;
}

/** A line per second, plain or JSON, and the last state at the end: what a stream that is not a terminal gets. */
function lineDisplay(stream: NodeJS.WriteStream, label: string, json: boolean): ProgressDisplay {
  let last = -Infinity;
  let unwritten: TransferStatus | undefined;
  const write = (status: TransferStatus): void => {
    last = status.elapsedMs;
    unwritten = undefined;
    const mbps = megabytesPerSecond(status);
    stream.write(
      json ? `${JSON.stringify({ progress: { ...status, megabytesPerSecond: Number(mbps.toFixed(3)) } })}\n` : `${label}: ${plainLine(status, mbps)}\n`,
    );
  };
  return {
    update: (status) => {
      if (status.elapsedMs - last >= LINE_INTERVAL_MS) write(status);
      else unwritten = status;
    },
    finish: () => {
      if (unwritten !== undefined) write(unwritten);
    },
  };
}

const barFormat = (label: string) => `${label} [{bar}] {value}/{total} blocks | {mbps} MB/s | ETA {eta_formatted}`;

/** Drives a bar made on the first update (`make`), with `close` called once the transfer ends. */
function barDisplay(make: (total: number, done: number, mbps: string) => cliProgress.SingleBar, close: (bar: cliProgress.SingleBar) => void): ProgressDisplay {
  let bar: cliProgress.SingleBar | undefined;
  return {
    update: (status) => {
      const mbps = megabytesPerSecond(status).toFixed(2);
      bar ??= make(Math.max(status.blocksTotal, 1), status.blocksDone, mbps);
      if (status.blocksTotal > 0) bar.setTotal(status.blocksTotal);
      bar.update(status.blocksDone, { mbps });
    },
    finish: () => {
      if (bar !== undefined) close(bar);
    },
  };
}

/** A bar on a terminal; else a line per second, plain or JSON. */
export function progressDisplay(stream: NodeJS.WriteStream, label: string, json: boolean): ProgressDisplay {
  if (!stream.isTTY) return lineDisplay(stream, label, json);
  const bar = new cliProgress.SingleBar({ stream, format: barFormat(label), hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  return barDisplay(
    (total, done, mbps) => {
      bar.start(total, done, { mbps });
      return bar;
    },
    () => bar.stop(),
  );
}

/** Displays for several transfers at once (a directory's files): a bar each on a terminal, stacked; else lines. */
export interface ProgressDisplays {
  display(label: string): ProgressDisplay;
  finish(): void;
}

export function progressDisplays(stream: NodeJS.WriteStream, json: boolean): ProgressDisplays {
  if (!stream.isTTY) return { display: (label) => lineDisplay(stream, label, json), finish: () => undefined };
  const bars = new cliProgress.MultiBar({ stream, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  return {
    display: (label) =>
      barDisplay(
        (total, done, mbps) => bars.create(total, done, { mbps }, { format: barFormat(label) }),
        (bar) => bars.remove(bar),
      ),
    finish: () => bars.stop(),
  };
}

/** An id for a new transfer, to watch it by. */
export function transferId(): string {
  return toHex(randomBytes(8));
}

/**
 * Watches transfer `id`, then runs `start` (the call that makes the transfer under that id), showing
 * every event until the call settles. After a call that succeeded the final event is awaited too (the
 * node sends it as the transfer ends), so the display ends on the finished state. A node that cannot
 * stream the events (too many watchers) still runs the transfer, without progress.
 */
export async function watchTransfer<T>(endpoint: ApiEndpoint, id: string, display: ProgressDisplay, start: () => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const events = await transferEvents(endpoint, id, { signal: stop.signal }).catch(() => []);
  const showing = (async () => {
    for await (const event of events) display.update(event.transfer);
  })().catch(() => undefined); // cut short: the call failed, or the node went away (the call says why)
  try {
    const result = await start();
    await showing;
    return result;
  } finally {
    stop.abort();
    await showing;
    display.finish();
  }
}
