/** A Logger that keeps every line it is given, with its children's bindings, for tests that read logs. */
import type { Logger, LogLevel } from '../../node/components.js';

export interface LogRecord {
  readonly level: LogLevel;
  readonly msg: string;
  readonly [field: string]: unknown;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn'];

export class RecordingLogger implements Logger {
  constructor(
    /** Shared by the logger and all its children, in the order written. */
    readonly records: LogRecord[] = [],
    /** Lines below this level are neither written nor, behind `isLevelEnabled`, built. */
    private readonly level: LogLevel = 'debug',
    private readonly bindings: Readonly<Record<string, unknown>> = {},
  ) {}

  debug(fields: object, message: string): void {
    this.write('debug', fields, message);
  }

  info(fields: object, message: string): void {
    this.write('info', fields, message);
  }

  warn(fields: object, message: string): void {
    this.write('warn', fields, message);
  }

  isLevelEnabled(level: LogLevel): boolean {
    return LEVELS.indexOf(level) >= LEVELS.indexOf(this.level);
  }

  child(bindings: Record<string, unknown>): RecordingLogger {
    return new RecordingLogger(this.records, this.level, { ...this.bindings, ...bindings });
  }

  private write(level: LogLevel, fields: object, msg: string): void {
    if (this.isLevelEnabled(level)) this.records.push({ ...this.bindings, ...fields, level, msg });
  }
}
