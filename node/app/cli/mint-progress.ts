/**
 * Minting progress for a person: a progress bar on a terminal, else a log line every few
 * seconds. The proof of work takes 2^difficulty hashes on average, so the bar shows the share
 * of that average (held below 100 % until the search ends) and the hash rate.
 */
import cliProgress from 'cli-progress';
import type { Logger } from '../../components.js';
import type { MintProgressReporter } from '../daemon/daemon.js';

const LOG_INTERVAL_MS = 5_000;

export function mintProgressReporter(stream: NodeJS.WriteStream, logger: Logger): MintProgressReporter {
  if (!stream.isTTY) {
    let lastLog = -Infinity;
    return {
      onProgress: ({ hashes, expectedHashes, elapsedMs }) => {
        if (elapsedMs - lastLog < LOG_INTERVAL_MS) return;
        lastLog = elapsedMs;
        logger.info({ hashes, expectedHashes, elapsedMs }, 'minting the node identity');
      },
      finish: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'minting identity [{bar}] {percentage}% of the expected work | {rate} hashes/s | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: ({ hashes, expectedHashes, elapsedMs }) => {
      const rate = elapsedMs > 0 ? Math.round((hashes * 1000) / elapsedMs) : 0;
      if (!started) bar.start(expectedHashes, 0, { rate });
      started = true;
      bar.update(Math.min(hashes, Math.floor(expectedHashes * 0.99)), { rate });
    },
    finish: () => {
      if (started) bar.stop();
    },
  };
}
