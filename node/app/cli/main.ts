#!/usr/bin/env node
/**
 * The `warren` command. Results go to stdout, diagnostics to stderr.
 * Exit codes: 0 success, 1 failure, 2 invalid input (a bad URI, a bad option or setting);
 * `warren node` also exits with 130 when a second signal cuts its shutdown short.
 *
 * Each command's module is loaded when that command runs: a `warren put` does not load the daemon, the
 * gateway or the simulator, whose modules would cost it most of its start-up.
 */
import '../../polyfills.js';
import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { WarrenError } from '../../../protocol/errors.js';
import type { DaemonFlags } from '../daemon/config.js';
import { EXIT_FAILURE, EXIT_INVALID_INPUT, exitCodeOf } from './exit-codes.js';
import type { GetOptions } from './get-command.js';
import type { PutOptions } from './put-command.js';
import type { ReinsertCommandOptions } from './reinsert-command.js';
import type { SimOptions } from './sim-command.js';
import type { TestnetOptions } from './testnet-command.js';

/** The package's version, from the nearest package.json above this file (in sources or in dist/). */
function packageVersion(): string {
  for (let directory = new URL('./', import.meta.url); directory.pathname !== '/'; directory = new URL('../', directory)) {
    const manifest = new URL('package.json', directory);
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  }
  throw new Error('package.json not found');
}

const program = new Command()
  .name('warren')
  .description('Warren: anonymous, encrypted storage network')
  .version(packageVersion())
  // A usage error is one line, as every other error: no help dump after it.
  .configureOutput({ outputError: (text, write) => write(`warren: ${text.replace(/^error: /, '')}`) })
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_INVALID_INPUT));

program
  .command('keygen')
  .description('make a publisher key pair: an insert URI to publish with (keep it secret) and a request URI to share')
  .option('-n, --name <name>', 'name of the updatable site or file', 'site')
  .option('--json', 'print JSON instead of text')
  .action(async (options: { name: string; json?: boolean }) => {
    const { generateKeys } = await import('./keys.js');
    const keys = generateKeys(options.name);
    if (options.json) console.log(JSON.stringify({ insertUri: keys.insertUri.toString(), requestUri: keys.requestUri.toString() }));
    else
      console.log(
        `insert URI (secret: whoever has it can publish as you):\n  ${keys.insertUri.toString()}\nrequest URI (share it):\n  ${keys.requestUri.toString()}`,
      );
  });

program
  .command('uri')
  .description('check a URI and show what it names')
  .argument('<uri>', 'a CHK@, SSK@, USK@, SSK-INSERT@ or USK-INSERT@ URI')
  .option('--json', 'print JSON instead of text')
  .action(async (text: string, options: { json?: boolean }) => {
    const { describeUri } = await import('./keys.js');
    const description = describeUri(text);
    if (options.json) console.log(JSON.stringify(description));
    else for (const [field, value] of Object.entries(description)) console.log(`${field.padEnd(12)} ${value}`);
  });

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

program
  .command('node')
  .description('run a node until SIGINT or SIGTERM; logs JSON lines to stderr (settings: spec/node.md)')
  .option('--data-dir <dir>', 'data directory (env WARREN_DATA_DIR; default $XDG_DATA_HOME/warren or ~/.warren)')
  .option('--config <file>', 'JSON config file (default <data dir>/config.json when present)')
  .option('--listen <multiaddr>', 'address to accept peers on, repeatable (env WARREN_LISTEN; default /ip4/0.0.0.0/tcp/7400)', collect)
  .option('--seed <multiaddr>', 'a node to connect to at start, repeatable (env WARREN_SEEDS, comma-separated)', collect)
  .option('--api-port <port>', 'local API port on 127.0.0.1, 0 for any (env WARREN_API_PORT; default 7401)')
  .option('--gateway-port <port>', 'web gateway port on 127.0.0.1, 0 for any, "off" for none (env WARREN_GATEWAY_PORT; default 7402)')
  .option('--store-bytes <n>', 'store partition budget in bytes (env WARREN_STORE_BYTES; default 1 GiB)')
  .option('--cache-bytes <n>', 'cache partition budget in bytes (env WARREN_CACHE_BYTES; default 1 GiB)')
  .option('--pow-difficulty <bits>', "the network's identity proof-of-work difficulty (env WARREN_POW_DIFFICULTY; default 24)")
  .option('--max-peers <n>', 'peers to keep at most (env WARREN_MAX_PEERS; default 40)')
  .option('--min-peers <n>', 'below this many peers, announce again (env WARREN_MIN_PEERS; default 10)')
  .option('--log-level <level>', 'debug, info, warn, error or silent (env WARREN_LOG_LEVEL; default info)')
  .option('--no-heal', 'do not insert again the blocks fetches had to rebuild (env WARREN_HEAL=0; default: heal)')
  .option('--darknet', 'darknet mode: connect only to friends (warren friend add), announce nothing (env WARREN_DARKNET)')
  .option('--swap-interval <ms>', 'darknet mode: time between the location swaps the node starts (env WARREN_SWAP_INTERVAL_MS; default 30000)')
  .action(async (options: DaemonFlags) => {
    const { runNode } = await import('./node-command.js');
    // Commander sets heal: true when --no-heal is absent: only the flag given may override the file and environment.
    process.exit(await runNode({ ...options, heal: options.heal === false ? false : undefined }));
  });

program
  .command('status')
  .description("show the running node's identity, peers, store and counters")
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .option('--json', 'print JSON instead of text')
  .action(async (options: { dataDir?: string; json?: boolean }) => {
    const { formatStatus, readStatus } = await import('./status-command.js');
    await talkToNode(() => readStatus(options.dataDir), options.json, formatStatus);
  });

/**
 * Runs a command that talks to the node and prints its result: JSON, or the lines `format` gives
 * (none when the content went to stdout). A failure is one line on stderr and its exit code: with
 * `--json`, `{"error": {"code", "message"}}`.
 */
async function talkToNode<R>(run: () => Promise<R>, json: boolean | undefined, format: (result: R) => string): Promise<void> {
  let result: R;
  try {
    result = await run();
  } catch (error) {
    if (!(error instanceof WarrenError)) throw error;
    console.error(json ? JSON.stringify({ error: { code: error.code, message: error.message } }) : `warren: ${error.message}`);
    process.exit(exitCodeOf(error));
  }
  const text = json ? JSON.stringify(result) : format(result);
  if (text !== '') console.log(text);
}

program
  .command('noderef')
  .description("print the running node's reference: give it to a friend, who adds it with warren friend add")
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .action(async (options: { dataDir?: string }) => {
    const { readNodeRef } = await import('./friend-command.js');
    await talkToNode(
      () => readNodeRef(options.dataDir),
      false,
      (text) => text.trimEnd(),
    );
  });

const friend = program.command('friend').description('the friends of a node: its only peers in darknet mode, beside its opennet peers otherwise');
friend
  .command('add')
  .argument('<file>', 'a node reference from "warren noderef" ("-" for standard input)')
  .description('add a friend to the running node and connect to it')
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .option('--json', 'print JSON instead of text')
  .action(async (file: string, options: { dataDir?: string; json?: boolean }) => {
    const { runFriendAdd } = await import('./friend-command.js');
    await talkToNode(
      () => runFriendAdd(file, options.dataDir),
      options.json,
      ({ id }) => `friend added: ${id}`,
    );
  });
friend
  .command('list')
  .description("list the running node's friends and whether each is connected")
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .option('--json', 'print JSON instead of text')
  .action(async (options: { dataDir?: string; json?: boolean }) => {
    const { formatFriends, runFriendList } = await import('./friend-command.js');
    await talkToNode(() => runFriendList(options.dataDir), options.json, formatFriends);
  });

program
  .command('put')
  .description('insert a file or a directory through the running node; prints its URI (progress on stderr)')
  .argument('<path>', 'a file, or a directory (inserted with every file under it)')
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .option('--key <insert URI>', 'also publish it under this SSK-INSERT@… or USK-INSERT@… key (from "warren keygen"); prints the request URI')
  .option('--name <name>', "the file name in its URI (default: the file's own name)")
  .option('--data-blocks <k>', 'data blocks of a full segment, 1..255 (default 128; k + m ≤ 256)')
  .option('--check-blocks <m>', 'check blocks of a full segment, 0..255 (default 128; k + m ≤ 256)')
  .option('--json', 'print JSON instead of text (progress lines on stderr become JSON too)')
  .action(async (path: string, options: PutOptions) => {
    const { formatPut, runPut } = await import('./put-command.js');
    await talkToNode(() => runPut(path, options), options.json, formatPut);
  });

program
  .command('reinsert')
  .description('insert again every block of a file (manifests, data and check blocks), to keep it alive; prints how many went in')
  .argument('<uri>', 'a CHK@, SSK@ or USK@ URI of a file')
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .option('--json', 'print JSON instead of text (progress lines on stderr become JSON too)')
  .action(async (uri: string, options: ReinsertCommandOptions) => {
    const { formatReinsert, runReinsert } = await import('./reinsert-command.js');
    await talkToNode(() => runReinsert(uri, options), options.json, formatReinsert);
  });

program
  .command('get')
  .description('fetch a file or a directory through the running node (progress on stderr)')
  .argument('<uri>', 'a CHK@, SSK@ or USK@ URI, with a path inside a directory if wanted')
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .option('-o, --output <path>', "where to write: a file, - for stdout, or for a directory URI a directory (default: the URI's file name, else stdout)")
  .option('-y, --yes', 'write a directory even when it writes more than 4× what its distinct files hold + 16 MiB (asked on a terminal)')
  .option('-f, --force', 'write over files that exist')
  .option('--no-heal', 'do not have the node insert again the blocks it had to rebuild (default: it does, and this waits for it)')
  .option('--json', 'print JSON instead of text (progress lines on stderr become JSON too)')
  .action(async (uri: string, options: GetOptions) => {
    const { formatGet, runGet } = await import('./get-command.js');
    await talkToNode(
      () => runGet(uri, options),
      options.json,
      (result) => (result.files.some((file) => file.path === undefined) ? '' : formatGet(result)),
    );
  });

program
  .command('cat')
  .description("write a file's content to stdout, through the running node")
  .argument('<uri>', 'a CHK@, SSK@ or USK@ URI of a file, or of a directory with a path to one of its files')
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .action(async (uri: string, options: { dataDir?: string }) => {
    const { runCat } = await import('./cat-command.js');
    await talkToNode(
      () => runCat(uri, options),
      false,
      () => '',
    );
  });

program
  .command('ls')
  .description('list the files under a directory URI (size, type, path), through the running node')
  .argument('<uri>', 'a CHK@, SSK@ or USK@ URI of a directory, with a path to a sub-directory if wanted')
  .option('--data-dir <dir>', 'data directory of the node (env WARREN_DATA_DIR)')
  .option('--json', 'print JSON instead of text')
  .action(async (uri: string, options: { dataDir?: string; json?: boolean }) => {
    const { formatLs, runLs } = await import('./cat-command.js');
    await talkToNode(() => runLs(uri, options), options.json, formatLs);
  });

program
  .command('testnet')
  .description("start a network of real nodes on loopback, print each one's data directory and gateway, stop them all on Ctrl-C")
  .option('--nodes <n>', 'how many nodes, 2..64 (default 4)')
  .option('--root <dir>', 'where their data directories go (default: a new temporary directory)')
  .action(async (options: TestnetOptions) => {
    const { runTestnet } = await import('./testnet-command.js');
    await talkToNode(
      () => runTestnet(options),
      false,
      () => '',
    );
  });

program
  .command('sim')
  .description('run a simulated network of real nodes in virtual time and report it (scenarios: warren sim --list; progress on stderr)')
  .option('--scenario <name>', 'the scenario to run (see --list)')
  .option('--nodes <n>', "network size (default: the scenario's)")
  .option('--requests <n>', "requests in the workload (default: the scenario's)")
  .option('--seed <seed>', 'any text; the same seed and parameters give the same report (default: "1")')
  .option('--out <dir>', 'write report.json, performance.json and report.html into this directory')
  .option('--design <name>', 'run one design alone, for a scenario that compares designs (anonymity: v1 or v2), e.g. one per process')
  .option('--list', 'list the scenarios with their default sizes')
  .action(async (options: SimOptions) => {
    const { runSim } = await import('./sim-command.js');
    await runSim(options, process.stdout, process.stderr);
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
