/**
 * Errors of the bench scripts' helpers (bench/process-usage.ts): a command that failed or ran out of time.
 */
import { WarrenError } from '../protocol/errors.js';

export class CommandFailedError extends WarrenError {
  readonly code = 'COMMAND_FAILED';
}

/** A command ended (its whole process group) after `seconds` without finishing. */
export class CommandTimeoutError extends WarrenError {
  readonly code = 'COMMAND_TIMEOUT';
  readonly seconds: number;

  constructor(command: string, seconds: number) {
    super(`${command} did not finish within ${seconds.toFixed(0)} s`);
    this.seconds = seconds;
  }
}
