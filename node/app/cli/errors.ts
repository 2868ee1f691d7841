/** The command line's own refusals, before anything is asked of the node. */
import { WarrenError } from '../../../protocol/errors.js';

/** Options or arguments that cannot work together, or a value out of range (exit code 2). */
export class UsageError extends WarrenError {
  readonly code = 'ERR_USAGE';
}

/** `warren get -o DIR` of a directory that writes far more than it stores, not confirmed (spec/client.md §12.3; exit code 2). */
export class ExpansionRefusedError extends WarrenError {
  readonly code = 'ERR_EXPANSION_REFUSED';
}

/** `warren get` would write over a file that exists, without `--force` (exit code 2). */
export class OutputExistsError extends WarrenError {
  readonly code = 'ERR_OUTPUT_EXISTS';
  constructor(
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(`${path} exists: give --force to write over it`, options);
  }
}

/** A signal stopped a command before it had finished starting (exit code 1). */
export class InterruptedError extends WarrenError {
  readonly code = 'ERR_INTERRUPTED';
}

/** The node's answer to `warren get` lacks what the command needs, or does not fit what it asked (exit code 1). */
export class UnexpectedAnswerError extends WarrenError {
  readonly code = 'ERR_UNEXPECTED_ANSWER';
}

/** `warren reinsert`: some blocks of the file could not be inserted again (exit code 1); the message counts them. */
export class ReinsertIncompleteError extends WarrenError {
  readonly code = 'ERR_REINSERT_INCOMPLETE';
}
