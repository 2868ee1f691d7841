/**
 * `warren node`: runs the headless node until SIGINT or SIGTERM (spec/node.md §4).
 * Logs go to stderr as JSON lines (pino), or readable lines on a terminal (pino-pretty); stdout stays empty. The first signal stops
 * the node in order (a signal while minting or starting abandons the start); a second
 * one exits at once.
 */
import { homedir } from 'node:os';
import { type DestinationStream, pino } from 'pino';
import pretty from 'pino-pretty';
import { type DaemonConfig, type DaemonFlags, resolveDaemonConfig } from '../daemon/config.js';
import { type Daemon, startDaemon } from '../daemon/daemon.js';
import { ConfigError } from '../daemon/errors.js';
import { configureNodeHeap } from '../daemon/heap.js';
import { EXIT_FAILURE, EXIT_FORCED, EXIT_INVALID_INPUT, EXIT_SUCCESS } from './exit-codes.js';
import { mintProgressReporter } from './mint-progress.js';

/**
 * Where the log goes: stderr, as JSON lines for programs, or as lines a person reads (time, level,
 * message, then the fields) when stderr is a terminal. Both synchronous: nothing is lost at exit.
 */
export function logDestination(terminal: boolean, fd = 2): DestinationStream {
  return terminal ? pretty({ destination: fd, sync: true, translateTime: 'SYS:HH:MM:ss.l' }) : pino.destination({ dest: fd, sync: true });
}

/** Runs the node; resolves with the process exit code. */
export async function runNode(flags: DaemonFlags): Promise<number> {
  let config: DaemonConfig;
  try {
    config = resolveDaemonConfig({ flags, env: process.env, homeDir: homedir() });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`warren: ${error.message}`);
    return EXIT_INVALID_INPUT;
  }
  configureNodeHeap();
  const logger = pino({ level: config.logLevel }, logDestination(process.stderr.isTTY === true));
  const shutdown = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (shutdown.signal.aborted) {
      logger.warn({ signal }, 'second signal: exiting without finishing the shutdown');
      process.exit(EXIT_FORCED);
    }
    logger.info({ signal }, 'signal received: shutting down');
    shutdown.abort(new Error(`${signal} received`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let daemon: Daemon;
  try {
    daemon = await startDaemon({ logger, mintProgress: mintProgressReporter(process.stderr, logger) }, { ...config, signal: shutdown.signal });
  } catch (error) {
    if (shutdown.signal.aborted) return EXIT_SUCCESS;
    logger.warn({ err: error }, 'the node did not start');
    console.error(`warren: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
  if (!shutdown.signal.aborted) await new Promise((resolve) => shutdown.signal.addEventListener('abort', resolve, { once: true }));
  try {
    await daemon.stop();
    return EXIT_SUCCESS;
  } catch (error) {
    console.error(`warren: the node did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}
