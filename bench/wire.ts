/**
 * Wire benchmark: `npx tsx bench/wire.ts`.
 *
 * Envelope encode and decode per second for a small message (DataRequest) and a full 32 KiB
 * block (DataFound), next to same-run references: the generated protobufjs encoder/decoder on
 * the same message without our validation, mapping and canonical check, and for the block a
 * bare Buffer copy of the same bytes. Then the frame decoder on full-size frames.
 *
 * The operations of one table are measured in alternating rounds, so that a busy machine
 * slows the figure and its reference alike; each figure is the median of its rounds.
 */
import Long from 'long';
import { decodeEnvelope, encodeEnvelope } from '../protocol/wire/envelope.js';
import { encodeFrame, FrameDecoder } from '../protocol/wire/frame.js';
import { warren } from '../protocol/wire/generated/warren.js';
import { MAX_BLOCK_BYTES } from '../protocol/wire/limits.js';
import type { Envelope } from '../protocol/wire/messages.js';
import { formatCount, measureRate, median, printRows } from './support.js';

const ROUNDS = 9;
const ROUND_MS = 250;

const WireEnvelope = warren.wire.v1.Envelope;
const pattern = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
const tx = 0x0123456789abcdefn;
const rawTx = Long.fromBits(0x89abcdef, 0x01234567, true);

let checksum = 0;
/** Keeps every result alive so the work cannot be optimised away. */
const keep = (length: number) => {
  checksum = (checksum + length) | 0;
};

/** Median rate of each operation, measured in rotation: round r runs every operation once. */
function measureTogether<Name extends string>(operations: Record<Name, () => void>): Record<Name, number> {
  const names = Object.keys(operations) as Name[];
  const rates = new Map<Name, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) rates.get(name)!.push(measureRate(operations[name], { rounds: 1, roundMs: ROUND_MS }));
  }
  return Object.fromEntries(names.map((name) => [name, median(rates.get(name)!)])) as Record<Name, number>;
}

type Row = readonly [string, string, string?];

function row(label: string, rate: number, bytes: number, ratios: Array<[string, number]> = []): Row {
  const megabytes = `${((rate * bytes) / 1e6).toFixed(0).padStart(6)} MB/s`;
  const notes = ratios.map(([name, reference]) => `${(rate / reference).toFixed(2)}× ${name}`).join(', ');
  return [label, `${formatCount(rate)} /s`, notes ? `${megabytes}   ${notes}` : megabytes];
}

function envelopeTable(title: string, envelope: Envelope, raw: warren.wire.v1.Envelope.$Properties): void {
  const encoded = encodeEnvelope(envelope);
  const copySource = Buffer.from(encoded);
  const rates = measureTogether({
    encode: () => keep(encodeEnvelope(envelope).length),
    rawEncode: () => keep(WireEnvelope.encode(raw).finish().length),
    decode: () => keep(decodeEnvelope(encoded).tx === tx ? 1 : 0),
    rawDecode: () => keep(WireEnvelope.decode(encoded).version),
    copy: () => keep(Buffer.from(copySource).length),
  });
  const size = encoded.length;
  printRows(`${title}: envelope of ${size} bytes`, [
    row('encodeEnvelope', rates.encode, size, [
      ['generated', rates.rawEncode],
      ['copy', rates.copy],
    ]),
    row('decodeEnvelope', rates.decode, size, [
      ['generated', rates.rawDecode],
      ['copy', rates.copy],
    ]),
    row('reference: generated Envelope.encode', rates.rawEncode, size),
    row('reference: generated Envelope.decode', rates.rawDecode, size),
    row('reference: Buffer copy of the envelope', rates.copy, size),
  ]);
}

envelopeTable(
  'small message (DataRequest)',
  { tx, body: { type: 'dataRequest', keyType: 'chk', routingKey: pattern(32), htl: 18 } },
  {
    version: 1,
    tx: rawTx,
    dataRequest: { keyType: warren.wire.v1.KeyType.KEY_TYPE_CHK, routingKey: pattern(32), htl: 18 },
  },
);
envelopeTable(
  '32 KiB block (DataFound)',
  { tx, body: { type: 'dataFound', block: pattern(MAX_BLOCK_BYTES) } },
  {
    version: 1,
    tx: rawTx,
    dataFound: { block: pattern(MAX_BLOCK_BYTES) },
  },
);

const frame = encodeFrame(encodeEnvelope({ tx, body: { type: 'dataFound', block: pattern(MAX_BLOCK_BYTES) } }));
const frameSource = Buffer.from(frame);
const framing = measureTogether({
  push: () => keep(new FrameDecoder().push(frame).length),
  copy: () => keep(Buffer.from(frameSource).length),
});
printRows(`framing: one ${frame.length}-byte DataFound frame per chunk`, [
  row('FrameDecoder.push', framing.push, frame.length, [['copy', framing.copy]]),
  row('reference: Buffer copy of the frame', framing.copy, frame.length),
]);

console.log(`\nmedians of ${ROUNDS} alternating rounds of ≥${ROUND_MS} ms each (checksum ${checksum})`);
