/**
 * The JSON form of an envelope in spec/vectors/wire.json: byte fields as lowercase hex, tx as a
 * decimal string, everything else as in protocol/wire/messages.ts. Shared by the generator
 * (generate-wire.ts) and the test that checks the vectors.
 */
import { fromHex, toHex } from '../../protocol/bytes.js';
import type { Envelope } from '../../protocol/wire/messages.js';

/** Message fields that hold bytes (hex in JSON). */
const BYTE_FIELDS = new Set(['publicKey', 'powNonce', 'routingKey', 'block', 'existingBlock', 'commitment', 'nonce']);

export interface EnvelopeJson {
  tx: string;
  body: Record<string, unknown>;
}

export function envelopeToJson(envelope: Envelope): EnvelopeJson {
  const body = JSON.parse(JSON.stringify(envelope.body, (_key, value: unknown) => (value instanceof Uint8Array ? toHex(value) : value))) as Record<
    string,
    unknown
  >;
  return { tx: envelope.tx.toString(10), body };
}

export function envelopeFromJson(json: EnvelopeJson): Envelope {
  const body = JSON.parse(JSON.stringify(json.body), (key, value: unknown) =>
    BYTE_FIELDS.has(key) && typeof value === 'string' ? fromHex(value) : value,
  ) as Envelope['body'];
  return { tx: BigInt(json.tx), body };
}
