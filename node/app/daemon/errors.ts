/**
 * Why the headless node could not start or keep its data directory. Each class has a
 * stable `name` and `code`; a message names the setting, file or directory at fault.
 */
import { WarrenError } from '../../../protocol/errors.js';

/** A setting with a value the node cannot use; the message names the setting and where it came from. */
export class ConfigError extends WarrenError {
  readonly code = 'ERR_CONFIG';
}

/** A file in the data directory that cannot be read or does not have the expected format. */
export class DataDirError extends WarrenError {
  readonly code = 'ERR_DATA_DIR';
}

/** Another node is running on the same data directory (its block store is locked). */
export class DataDirLockedError extends WarrenError {
  readonly code = 'ERR_DATA_DIR_LOCKED';
  constructor(
    readonly dataDir: string,
    options?: ErrorOptions,
  ) {
    super(`another Warren node is already using the data directory ${dataDir}: stop it first, or choose another --data-dir`, options);
  }
}

/** The node's identity was minted for a lower proof-of-work difficulty than the network requires. */
export class IdentityTooWeakError extends WarrenError {
  readonly code = 'ERR_IDENTITY_TOO_WEAK';
  constructor(
    readonly path: string,
    readonly leadingZeroBits: number,
    readonly required: number,
    options?: ErrorOptions,
  ) {
    super(
      `the identity in ${path} has ${leadingZeroBits} leading zero bits, the network requires ${required}: move the file away to mint a new identity`,
      options,
    );
  }
}

/** No running node was found through the data directory (for `warren status`). */
export class NodeNotRunningError extends WarrenError {
  readonly code = 'ERR_NODE_NOT_RUNNING';
}
