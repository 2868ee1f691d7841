/** Errors the report writers throw: a report they cannot write faithfully is refused, not mangled. */
import { WarrenError } from '../../protocol/errors.js';

/** A number in a report is NaN or infinite: JSON cannot carry it, so the scenario must say what it means. */
export class NonFiniteReportValueError extends WarrenError {
  readonly code = 'ERR_REPORT_NOT_FINITE';
  constructor(
    readonly path: string,
    readonly value: number,
    options?: ErrorOptions,
  ) {
    super(`the report's ${path} is ${value}: every number in a report must be finite`, options);
  }
}
