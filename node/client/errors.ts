/**
 * Why a client operation (insert, fetch, publish) failed, as a user should read it.
 * Each class has a stable `name` and `code`; node-level failures of single blocks
 * (node/errors.ts) appear as the `cause` of these.
 */
import { WarrenError } from '../../protocol/errors.js';

/** A manifest or pointer that cannot be decoded or breaks a rule of spec/client.md. */
export class InvalidManifestError extends WarrenError {
  readonly code = 'ERR_INVALID_MANIFEST';
}

/** Per segment: how many of its blocks were found, and how many it needs. */
export interface SegmentShortfall {
  readonly segment: number;
  readonly found: number;
  readonly needed: number;
  readonly total: number;
}

/** Too few blocks of a segment could be fetched to rebuild it. */
export class MissingBlocksError extends WarrenError {
  readonly code = 'ERR_MISSING_BLOCKS';
  constructor(
    readonly shortfall: SegmentShortfall,
    options?: ErrorOptions,
  ) {
    const { segment, found, needed, total } = shortfall;
    super(`segment ${segment}: ${total - found} of ${total} blocks are missing; ${found} found, ${needed} needed to rebuild it`, options);
  }
}

/** The rebuilt content does not match the manifest's full-content hash. */
export class ContentHashMismatchError extends WarrenError {
  readonly code = 'ERR_CONTENT_HASH_MISMATCH';
  constructor(options?: ErrorOptions) {
    super('the fetched content does not match the hash in its manifest: a block or the manifest was altered', options);
  }
}

/** A path that names nothing in a directory, or goes through a file. */
export class PathNotFoundError extends WarrenError {
  readonly code = 'ERR_PATH_NOT_FOUND';
  constructor(
    readonly path: readonly string[],
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`'${path.join('/')}': ${reason}`, options);
  }
}

/** The URI names a directory where a file was wanted, or the reverse. */
export class WrongKindError extends WarrenError {
  readonly code = 'ERR_WRONG_KIND';
}

/** No edition of a USK at or after the one asked for could be found. */
export class EditionNotFoundError extends WarrenError {
  readonly code = 'ERR_EDITION_NOT_FOUND';
  constructor(
    readonly from: number,
    options?: ErrorOptions,
  ) {
    super(`no edition ${from} or later was found`, options);
  }
}

/** A path or file name given to an insert that breaks the name rule or the path limits (spec/client.md §12.1), or is given twice. */
export class InvalidPathError extends WarrenError {
  readonly code = 'ERR_INVALID_PATH';
  constructor(
    readonly path: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`the path ${JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path)} is not allowed: ${reason}`, options);
  }
}

/** A MIME type that is not `type/subtype[; name=value]…` of at most 255 printable ASCII bytes (spec/client.md §12.2). */
export class InvalidMimeError extends WarrenError {
  readonly code = 'ERR_INVALID_MIME';
}

/** A directory, inserted or walked, over one of the limits of spec/client.md §12.1; `limit` names it. */
export class DirectoryLimitError extends WarrenError {
  readonly code = 'ERR_DIRECTORY_LIMIT';
  constructor(
    readonly limit: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${message} (${limit})`, options);
  }
}
