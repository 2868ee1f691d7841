#!/usr/bin/env node
/**
 * Regenerates the static protobufjs code for warren.proto into protocol/wire/generated/
 * (or into the directory given as the first argument; the stale-code test uses a temp dir).
 *
 *   warren.proto ──pbjs (static-module, ESM wrapper)──> generated/warren.js + generated/warren.d.ts
 *
 * The options are fixed here so the output depends only on the .proto and the protobufjs-cli
 * version: ESM wrapper importing "protobufjs/minimal.js" (resolvable from Node ESM), a root of
 * our own instead of protobufjs' shared "default" root, 64-bit fields always as Long, and only
 * what the codec uses (constructors, encode, decode).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { pbjs } from 'protobufjs-cli';

const wireDirectory = dirname(fileURLToPath(import.meta.url));
const protoFile = join(wireDirectory, 'warren.proto');

/** Writes warren.js and warren.d.ts into `outDirectory`. */
export async function generateWireCode(outDirectory) {
  mkdirSync(outDirectory, { recursive: true });
  await promisify(pbjs.main)([
    '--target',
    'static-module',
    '--wrap',
    'esm',
    '--dependency',
    'protobufjs/minimal.js',
    '--root',
    'warren_wire_v1',
    '--path',
    wireDirectory,
    '--alt-comment',
    '--force-long',
    '--no-verify',
    '--no-convert',
    '--no-delimited',
    '--no-typeurl',
    '--no-service',
    '--dts',
    '--out',
    join(outDirectory, 'warren.js'),
    protoFile,
  ]);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDirectory = resolve(process.argv[2] ?? join(wireDirectory, 'generated'));
  await generateWireCode(outDirectory);
  process.stdout.write(`generated warren.js and warren.d.ts in ${outDirectory}\n`);
}
