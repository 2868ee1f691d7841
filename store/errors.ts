/**
 * Every error `store/` throws. Each class has a stable `name` and `code`; the
 * original failure, if any, is the `cause`. Bad blocks are refused with
 * `InvalidBlockError` from `protocol/errors.ts`.
 */
import { WarrenError } from '../protocol/errors.js';

/** The disk is full: nothing of the failed write was applied, and reads keep working. */
export class StoreFullError extends WarrenError {
  readonly code = 'ERR_STORE_FULL';
  constructor(options?: ErrorOptions) {
    super('the block store cannot write: no space left on the device', options);
  }
}

/** A write failed for another reason (I/O error, database in an error state); nothing of it was applied. */
export class StoreWriteError extends WarrenError {
  readonly code = 'ERR_STORE_WRITE';
}

/**
 * The files on disk are not a store this build can use: written by a newer
 * format version, or not a Warren store at all. Nothing on disk is changed.
 */
export class StoreFormatError extends WarrenError {
  readonly code = 'ERR_STORE_FORMAT';
}

/** The database could not be opened (locked by another process, unreadable, not a directory). */
export class StoreOpenError extends WarrenError {
  readonly code = 'ERR_STORE_OPEN';
}

/** A crypto worker thread died holding this call's block; the store carries on without it (spec/store.md §5.4). */
export class StoreWorkerError extends WarrenError {
  readonly code = 'ERR_STORE_WORKER';
}

/** The store was closed (or is closing) when the call was made. */
export class StoreClosedError extends WarrenError {
  readonly code = 'ERR_STORE_CLOSED';
  constructor(options?: ErrorOptions) {
    super('the block store is closed', options);
  }
}

function reasonOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function isNoSpace(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as NodeJS.ErrnoException).code === 'ENOSPC' || /no space left on device/i.test(current.message)) return true;
  }
  return false;
}

/** The typed error for a database that does not open: `StoreFullError` when the device is full. */
export function openFailure(path: string, cause: unknown): StoreFullError | StoreOpenError {
  if (isNoSpace(cause)) return new StoreFullError({ cause });
  return new StoreOpenError(`cannot open the block store at ${path}: ${reasonOf(cause)}`, { cause });
}

/** The typed error for a failed write: `StoreFullError` when the device is full, else `StoreWriteError`. */
export function writeFailure(cause: unknown): StoreFullError | StoreWriteError {
  if (cause instanceof StoreFullError || cause instanceof StoreWriteError) return cause;
  if (isNoSpace(cause)) return new StoreFullError({ cause });
  return new StoreWriteError(`the block store could not write: ${reasonOf(cause)}`, { cause });
}
