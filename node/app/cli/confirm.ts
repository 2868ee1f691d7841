/** Asks a yes/no question on the terminal; anything but a terminal on stdin and stderr (or --json) answers no. */
import { createInterface } from 'node:readline/promises';

export async function confirm(question: string, json: boolean): Promise<boolean> {
  if (json || process.stdin.isTTY !== true || process.stderr.isTTY !== true) return false;
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim());
  } finally {
    terminal.close();
  }
}
