#!/usr/bin/env node
/**
 * The `warren` command. Results go to stdout, diagnostics to stderr.
 * Exit codes: 0 success, 1 failure, 2 invalid input (a bad URI, a bad option).
 */
import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { WarrenError } from '../../protocol/errors.js';
import { describeUri, generateKeys } from './keys.js';

/** The package's version, from the nearest package.json above this file (in sources or in dist/). */
function packageVersion(): string {
  for (let directory = new URL('./', import.meta.url); directory.pathname !== '/'; directory = new URL('../', directory)) {
    const manifest = new URL('package.json', directory);
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  }
  throw new Error('package.json not found');
}

const EXIT_FAILURE = 1;
const EXIT_INVALID_INPUT = 2;

const program = new Command()
  .name('warren')
  .description('Warren: anonymous, encrypted storage network')
  .version(packageVersion())
  .showHelpAfterError()
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_INVALID_INPUT));

program
  .command('keygen')
  .description('make a publisher key pair: an insert URI to publish with (keep it secret) and a request URI to share')
  .option('-n, --name <name>', 'name of the updatable site or file', 'site')
  .option('--json', 'print JSON instead of text')
  .action((options: { name: string; json?: boolean }) => {
    const keys = generateKeys(options.name);
    if (options.json) console.log(JSON.stringify({ insertUri: keys.insertUri.toString(), requestUri: keys.requestUri.toString() }));
    else console.log(`insert URI (secret: whoever has it can publish as you):\n  ${keys.insertUri.toString()}\nrequest URI (share it):\n  ${keys.requestUri.toString()}`);
  });

program
  .command('uri')
  .description('check a URI and show what it names')
  .argument('<uri>', 'a CHK@, SSK@, USK@, SSK-INSERT@ or USK-INSERT@ URI')
  .option('--json', 'print JSON instead of text')
  .action((text: string, options: { json?: boolean }) => {
    const description = describeUri(text);
    if (options.json) console.log(JSON.stringify(description));
    else for (const [field, value] of Object.entries(description)) console.log(`${field.padEnd(12)} ${value}`);
  });

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof WarrenError) {
    console.error(`warren: ${error.message}`);
    process.exit(EXIT_INVALID_INPUT);
  }
  console.error(`warren: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(EXIT_FAILURE);
}
