/**
 * Writes the key known-answer vectors (spec/vectors/chk.json, ssk.json, usk.json)
 * from the implementation. Run after a deliberate format change, never to make a
 * failing test pass: `npx tsx spec/vectors/generate-keys.ts`.
 */
import { writeFileSync } from 'node:fs';
import { toHex } from '../../protocol/bytes.js';
import { ChkUri, encodeChk, encodeSsk, SskInsertUri, sskWriteKeysFromSeed, UskInsertUri } from '../../protocol/keys/index.js';

/** Deterministic test bytes: byte i is (i * step + offset) mod 256. */
function pattern(length: number, step: number, offset = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * step + offset) & 0xff);
}

const text = (value: string) => new TextEncoder().encode(value);
const directory = new URL('./', import.meta.url);

function write(name: string, description: string, vectors: unknown[]): void {
  writeFileSync(new URL(name, directory), `${JSON.stringify({ description, vectors }, null, 2)}\n`);
}

const chkContents: Array<[string, Uint8Array, string[]]> = [
  ['empty content', new Uint8Array(0), []],
  ['short text with a file name', text('hello, warren\n'), ['hello.txt']],
  ['1000 bytes', pattern(1000, 7, 3), []],
  ['largest content that fits one block (32749 bytes)', pattern(32749, 13, 1), ['full block.bin']],
];

write(
  'chk.json',
  'CHK known answers (spec/keys.md §3): content → crypto key, routing key, block and URI.',
  chkContents.map(([name, content, path]) => {
    const { block, routingKey, cryptoKey } = encodeChk(content);
    return {
      name,
      content: toHex(content),
      cryptoKey: toHex(cryptoKey),
      routingKey: toHex(routingKey),
      block: toHex(block),
      uri: new ChkUri(routingKey, cryptoKey, path).toString(),
    };
  }),
);

const sskCases: Array<[string, Uint8Array, string, Uint8Array]> = [
  ['ASCII name, short content', pattern(32, 1), 'index', text('CHK@pointer-to-a-manifest')],
  ['Unicode name, empty content', pattern(32, 3, 5), 'journal – été', new Uint8Array(0)],
  ['largest content (1024 bytes)', pattern(32, 5, 9), 'full', pattern(1024, 11, 2)],
];

write(
  'ssk.json',
  'SSK known answers (spec/keys.md §4): seed, name and content → keys, routing key, signed block and URIs.',
  sskCases.map(([name, seed, docName, content]) => {
    const keys = sskWriteKeysFromSeed(seed);
    const { block, routingKey } = encodeSsk(keys, docName, content);
    const insertUri = new SskInsertUri(seed, docName);
    return {
      name,
      seed: toHex(seed),
      publicKey: toHex(keys.publicKey),
      symmetricKey: toHex(keys.symmetricKey),
      docName,
      content: toHex(content),
      routingKey: toHex(routingKey),
      block: toHex(block),
      insertUri: insertUri.toString(),
      requestUri: insertUri.toRequestUri().toString(),
    };
  }),
);

const uskCases: Array<[string, Uint8Array, string, number, string[]]> = [
  ['edition 0', pattern(32, 17), 'site', 0, []],
  ['edition 42 with a path', pattern(32, 19, 1), 'my site', 42, ['docs', 'index.html']],
];

write(
  'usk.json',
  'USK known answers (spec/keys.md §4.3): edition N of name is the SSK document "name-N".',
  uskCases.map(([name, seed, uskName, edition, path]) => {
    const insertUri = new UskInsertUri(seed, uskName, edition, path);
    const requestUri = insertUri.toRequestUri();
    const ssk = requestUri.toSskUri();
    const content = text(`edition ${edition}`);
    const { block } = encodeSsk(insertUri.writeKeys(), ssk.docName, content);
    return {
      name,
      seed: toHex(seed),
      uskName,
      edition,
      path,
      insertUri: insertUri.toString(),
      requestUri: requestUri.toString(),
      sskDocName: ssk.docName,
      sskRequestUri: ssk.toString(),
      routingKey: toHex(ssk.routingKey),
      content: toHex(content),
      block: toHex(block),
    };
  }),
);
