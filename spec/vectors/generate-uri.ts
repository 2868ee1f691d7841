/**
 * Writes spec/vectors/uri.json (spec/keys.md §5): URI texts a parser accepts, with the URI each denotes
 * and its canonical text, and texts it refuses, with the problem of §5.5. Every case is checked against
 * the implementation before it is written. Run after a deliberate format change only:
 * `npx tsx spec/vectors/generate-uri.ts`.
 */
import { writeFileSync } from 'node:fs';
import { toHex } from '../../protocol/bytes.js';
import { InvalidUriError } from '../../protocol/errors.js';
import { encodeBase58Fixed } from '../../protocol/keys/base58.js';
import {
  ChkUri,
  MAX_EDITION,
  MAX_NAME_BYTES,
  MAX_USK_NAME_BYTES,
  parseUri,
  SskInsertUri,
  SskUri,
  UskInsertUri,
  UskUri,
  type WarrenUri,
} from '../../protocol/keys/index.js';

const pattern = (step: number, offset: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * step + offset) & 0xff);
const [first, second, seed] = [pattern(7, 1), pattern(11, 2), pattern(13, 3)];
const readKeys = { publicKey: first, symmetricKey: second };
const k1 = encodeBase58Fixed(first);
const k2 = encodeBase58Fixed(second);
const ks = encodeBase58Fixed(seed);
const chk = `CHK@${k1},${k2},1`;
const ssk = `SSK@${k1},${k2},1`;
const usk = `USK@${k1},${k2},1`;

/** What a parsed URI denotes, as the vector file records it. */
function denotation(uri: WarrenUri): Record<string, unknown> {
  const keys = uri instanceof ChkUri ? [uri.routingKey, uri.cryptoKey] : 'keys' in uri ? [uri.keys.publicKey, uri.keys.symmetricKey] : [seed];
  const names = 'docName' in uri ? { docName: uri.docName } : 'edition' in uri ? { uskName: uri.name, edition: uri.edition } : {};
  return { kind: uri.kind, keys: keys.map(toHex), ...names, path: uri.path };
}

const valid: unknown[] = [];
function accept(name: string, text: string, expected: WarrenUri): void {
  const parsed = parseUri(text);
  if (parsed.toString() !== expected.toString()) throw new Error(`${name}: parsed as ${parsed.toString()}`);
  valid.push({ name, text, ...denotation(expected), canonical: expected.toString() });
}

const invalid: unknown[] = [];
function refuse(name: string, text: string, problem: string): void {
  try {
    parseUri(text);
  } catch (error) {
    if (!(error instanceof InvalidUriError)) throw error;
    invalid.push({ name, text, problem, error: error.name, code: error.code });
    return;
  }
  throw new Error(`${name}: accepted`);
}

accept('CHK, canonical', chk, new ChkUri(first, second));
accept('surrounding white space and the warren: scheme are dropped', ` \twarren:${chk}\n`, new ChkUri(first, second));
accept('key type and scheme in any case', `WARREN:chk@${k1},${k2},1`, new ChkUri(first, second));
accept('one trailing slash after the keys', `${chk}/`, new ChkUri(first, second));
accept('one trailing slash after the last segment', `${chk}/docs/`, new ChkUri(first, second, ['docs']));
accept('raw space, comma, ?, #, @ are literal', `${chk}/a b,c?d#e@f`, new ChkUri(first, second, ['a b,c?d#e@f']));
accept("raw ! ' ( ) * & = + are literal", `${chk}/!'()*&=+`, new ChkUri(first, second, ["!'()*&=+"]));
accept('lower-case escapes', `${chk}/caf%c3%a9%2c`, new ChkUri(first, second, ['café,']));
accept('raw non-ASCII', `${chk}/日記/café`, new ChkUri(first, second, ['日記', 'café']));
accept('unreserved characters stay as they are', `${chk}/A-Z_a.z~0`, new ChkUri(first, second, ['A-Z_a.z~0']));
accept('escaped unreserved characters', `${chk}/%41%2D%7E`, new ChkUri(first, second, ['A-~']));
accept('a name of three dots', `${chk}/...`, new ChkUri(first, second, ['...']));
accept('a segment of 255 bytes', `${chk}/${'é'.repeat(127)}a`, new ChkUri(first, second, [`${'é'.repeat(127)}a`]));
accept('SSK with a trailing slash after the name', `${ssk}/index/`, new SskUri(readKeys, 'index'));
accept('SSK name and path with escapes', `${ssk}/my%20doc/ab%25`, new SskUri(readKeys, 'my doc', ['ab%']));
accept('USK edition 0', `${usk}/site/0`, new UskUri(readKeys, 'site', 0));
accept('USK edition 2^53 − 1 with a trailing slash', `${usk}/site/${MAX_EDITION}/`, new UskUri(readKeys, 'site', MAX_EDITION));
const longestUskName = 'u'.repeat(MAX_USK_NAME_BYTES);
accept(`USK name of ${MAX_USK_NAME_BYTES} bytes`, `${usk}/${longestUskName}/7/a`, new UskUri(readKeys, longestUskName, 7, ['a']));
accept('SSK-INSERT', `SSK-INSERT@${ks},1/doc/x`, new SskInsertUri(seed, 'doc', ['x']));
accept('USK-INSERT', `usk-insert@${ks},1/site/12`, new UskInsertUri(seed, 'site', 12));

refuse('empty', '', 'empty');
refuse('white space only', ' \t\n', 'empty');
refuse('no @', `CHK${k1}`, 'no-at');
refuse('unknown key type', chk.replace('CHK@', 'KSK@'), 'unknown-type');
refuse('scheme with slashes', `warren://${chk}`, 'unknown-type');
for (const bad of ['0', 'O', 'I', 'l', '+', '=', 'é']) refuse(`base58 key with '${bad}'`, `CHK@${bad}${k1.slice(1)},${k2},1`, 'key-character');
refuse('key of 43 characters', `CHK@${k1.slice(1)},${k2},1`, 'key-length');
refuse('key of 45 characters', `CHK@1${k1},${k2},1`, 'key-length');
refuse('key value 2^256 or more', `CHK@${'z'.repeat(44)},${k2},1`, 'key-range');
refuse('truncated: one key field', `CHK@${k1}`, 'field-count');
refuse('truncated: no version', `CHK@${k1},${k2}`, 'field-count');
refuse('a fourth field', `${chk},1`, 'field-count');
refuse('SSK-INSERT with two keys', `SSK-INSERT@${k1},${k2},1/doc`, 'field-count');
refuse('version 2', chk.replace(/1$/, '2'), 'version');
refuse('version 01', chk.replace(/1$/, '01'), 'version');
refuse('SSK without a name', ssk, 'missing-name');
refuse('SSK with only a slash', `${ssk}/`, 'missing-name');
refuse('USK without name and edition', usk, 'missing-name');
refuse('USK without edition', `${usk}/site`, 'missing-edition');
refuse('USK edition 01', `${usk}/site/01`, 'edition');
refuse('USK edition 2^53', `${usk}/site/${MAX_EDITION + 1}`, 'edition');
refuse('USK edition -1', `${usk}/site/-1`, 'edition');
refuse('USK edition 1e3', `${usk}/site/1e3`, 'edition');
refuse('USK edition +7', `${usk}/site/+7`, 'edition');
refuse('USK edition with an escape', `${usk}/site/%37`, 'edition');
refuse('SSK name ..', `${ssk}/..`, 'name');
refuse('SSK name escaped ..', `${ssk}/%2E%2E`, 'name');
refuse(`SSK name of ${MAX_NAME_BYTES + 1} bytes`, `${ssk}/${'n'.repeat(MAX_NAME_BYTES + 1)}`, 'name');
refuse(`USK name of ${MAX_USK_NAME_BYTES + 1} bytes`, `${usk}/${'u'.repeat(MAX_USK_NAME_BYTES + 1)}/7`, 'name');
refuse('SSK name with an escaped slash', `${ssk}/a%2Fb`, 'name');
refuse('two slashes in a row', `${chk}//x`, 'segment');
refuse('two trailing slashes', `${chk}/x//`, 'segment');
refuse('two slashes right after the keys', `${chk}//`, 'segment');
refuse('segment .', `${chk}/a/./b`, 'segment');
refuse('segment ..', `${chk}/..`, 'segment');
refuse('escaped slash', `${chk}/a%2fb`, 'segment');
refuse('escaped NUL', `${chk}/a%00`, 'segment');
refuse('raw control character', `${chk}/a\u0001b`, 'segment');
refuse('escaped line feed', `${chk}/a%0Ab`, 'segment');
refuse('raw DEL', `${chk}/a\u007fb`, 'segment');
refuse('raw %', `${chk}/100%`, 'segment');
refuse('escape with one digit', `${chk}/%4`, 'segment');
refuse('escape with a non-hex digit', `${chk}/%4G`, 'segment');
refuse('escaped byte that is not UTF-8', `${chk}/%FF`, 'segment');
refuse('escaped overlong UTF-8', `${chk}/%C0%AF`, 'segment');
refuse('escaped surrogate', `${chk}/%ED%A0%80`, 'segment');
refuse('truncated UTF-8 escape', `${chk}/%E0%A4%A`, 'segment');
refuse(`segment of ${MAX_NAME_BYTES + 1} bytes`, `${chk}/${'é'.repeat(128)}`, 'segment');

const file = {
  description:
    'URI text (spec/keys.md §5): accepted texts with what they denote (keys in hex; path segments decoded) and their ' +
    'canonical text; refused texts with the problem of §5.5.',
  valid,
  invalid,
};
writeFileSync(new URL('./uri.json', import.meta.url), `${JSON.stringify(file, null, 2)}\n`);
