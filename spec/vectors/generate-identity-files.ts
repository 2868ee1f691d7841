/**
 * Writes spec/vectors/identity-files-invalid.json (spec/identity.md §7): identity files a reader MUST
 * refuse, each made from the difficulty-12 file of identity.json by one change, and checked against the
 * implementation before it is written. Run after a deliberate format change only:
 * `npx tsx spec/vectors/generate-identity-files.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fromHex, toHex } from '../../protocol/bytes.js';
import { InvalidIdentityError } from '../../protocol/errors.js';
import { decodeIdentityFile } from '../../protocol/identity-file.js';

interface IdentityFileVector {
  seed: string;
  nonce: string;
  difficulty: number;
  file: string;
}
const { identityFiles } = JSON.parse(readFileSync(new URL('./identity.json', import.meta.url), 'utf8')) as { identityFiles: IdentityFileVector[] };
const base = identityFiles.find((vector) => vector.difficulty === 12)!;

/** MessagePack pieces in hex: a fixstr key, a bin 8 value, a fixmap of raw pieces. */
const key = (name: string) => (0xa0 + name.length).toString(16) + toHex(new TextEncoder().encode(name));
const bin = (hex: string) => `c4${(hex.length / 2).toString(16).padStart(2, '0')}${hex}`;
const file = (pairs: Array<[string, string]>, version = '01') => `${version}${(0x80 + pairs.length).toString(16)}${pairs.map(([k, v]) => key(k) + v).join('')}`;
const seed = bin(base.seed);
const nonce = bin(base.nonce);
const difficulty = base.difficulty.toString(16).padStart(2, '0');
const flipLast = (hex: string) => hex.slice(0, -2) + (Number.parseInt(hex.slice(-2), 16) ^ 0x01).toString(16).padStart(2, '0');
/** The file with these values (hex pieces) for seed, nonce and difficulty, in this order. */
const withValues = (s = seed, n = nonce, d = difficulty) =>
  file([
    ['seed', s],
    ['nonce', n],
    ['difficulty', d],
  ]);
if (withValues() !== base.file) throw new Error('the pieces do not rebuild the valid file');

const invalid: Array<{ name: string; file: string }> = [];
const refuse = (name: string, hex: string) => invalid.push({ name, file: hex });

refuse('empty file', '');
refuse('version 0x00', `00${base.file.slice(2)}`);
refuse('version 0x02', `02${base.file.slice(2)}`);
refuse('the version byte alone', '01');
refuse('truncated by one byte', base.file.slice(0, -2));
refuse('a byte after the map', `${base.file}00`);
refuse('an array instead of a map', `0193${seed}${nonce}${difficulty}`);
refuse('difficulty missing', `0182${key('seed')}${seed}${key('nonce')}${nonce}`);
refuse('an extra key', `${withValues().replace(/^0183/, '0184')}${key('x')}00`);
refuse('seed of 31 bytes', withValues(bin(base.seed.slice(2))));
refuse('seed of 33 bytes', withValues(bin(`00${base.seed}`)));
refuse('seed as a string', withValues(`d920${base.seed.slice(0, 64)}`));
refuse('nonce of 7 bytes', withValues(undefined, bin(base.nonce.slice(2))));
refuse('nonce of 9 bytes', withValues(undefined, bin(`00${base.nonce}`)));
refuse('difficulty 65', withValues(undefined, undefined, '41'));
refuse('difficulty -1', withValues(undefined, undefined, 'ff'));
refuse('difficulty 12.5', withValues(undefined, undefined, 'cb4029000000000000'));
refuse('difficulty as a string', withValues(undefined, undefined, 'a23132'));
refuse('bad proof: last nonce bit flipped', withValues(undefined, bin(flipLast(base.nonce))));
refuse('bad proof: last seed bit flipped (another key)', withValues(bin(flipLast(base.seed))));
refuse('bad proof: difficulty recorded as 20', withValues(undefined, undefined, '14'));

for (const { name, file: hex } of invalid) {
  try {
    decodeIdentityFile(fromHex(hex));
  } catch (error) {
    if (error instanceof InvalidIdentityError && !error.message.includes(base.seed)) continue;
    throw error;
  }
  throw new Error(`${name}: accepted`);
}

const output = {
  description:
    'Identity files a reader MUST refuse (spec/identity.md §7), each the difficulty-12 file of identity.json with one change; ' +
    'every one is an InvalidIdentityError (code ERR_INVALID_IDENTITY) whose message does not quote the seed.',
  valid: base.file,
  invalid: invalid.map((item) => ({ ...item, error: 'InvalidIdentityError', code: 'ERR_INVALID_IDENTITY' })),
};
writeFileSync(new URL('./identity-files-invalid.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
