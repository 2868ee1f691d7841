/**
 * Envelope codec: typed Envelope ⇄ canonical protobuf bytes (spec/wire.md §4).
 *
 *   encodeEnvelope: validate body (bodies.ts) → toWire → generated Envelope.encode
 *   encodeEnvelopeFrame: the same, written after its frame's length prefix (frame.ts), in one buffer
 *   encodeEnvelopeFrameSegments: the same bytes; a block-carrying body as a small header next to
 *                   the block itself, uncopied
 *   decodeEnvelope: size check → generated Envelope.decode → version, exactly one body
 *                   → fromWire → validate → re-encode and compare (only canonical bytes pass; a
 *                   block-carrying body's header is re-encoded and its block compared in place)
 *
 * Framing is protocol/wire/frame.ts; the payload of one frame is one envelope.
 */
import Long from 'long';
import protobuf from 'protobufjs/minimal.js';
import { WireDecodeError } from '../errors.js';
import { Uint8ArrayList } from 'uint8arraylist';
import { BODY_CODECS, type BodyCodec, type BytesOf, copyBytes, viewBytes, type WireBody } from './bodies.js';
import { warren } from './generated/warren.js';
import { type FrameSegments, varintLength } from './frame.js';
import { MAX_FRAME_BYTES, WIRE_VERSION } from './limits.js';
import type { Envelope, MessageOfType, WireMessage, WireMessageType } from './messages.js';

const WireEnvelope = warren.wire.v1.Envelope;
const MAX_TX = (1n << 64n) - 1n;
const BODY_TYPES = Object.keys(BODY_CODECS) as WireMessageType[];

/** The codec for a message's own type; the one place the table is indexed. */
function codecFor<T extends WireMessageType>(type: T): BodyCodec<T> {
  const codec: BodyCodec<T> | undefined = Object.hasOwn(BODY_CODECS, type) ? BODY_CODECS[type] : undefined;
  if (codec === undefined) throw new RangeError(`unknown message type ${String(type)}`);
  return codec;
}

function txToWire(tx: bigint): Long {
  if (typeof tx !== 'bigint' || tx < 0n || tx > MAX_TX) throw new RangeError('tx must be a bigint in 0..2^64-1');
  return Long.fromBits(Number(tx & 0xffffffffn), Number(tx >> 32n), true);
}

function txFromWire(tx: Long): bigint {
  return (BigInt(tx.high >>> 0) << 32n) | BigInt(tx.low >>> 0);
}

/** Plain byte equality at memcmp speed (the crypto facade's equalBytes is constant-time, for secrets). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

/** Writes a body already known to be valid to `writer` (a fresh one by default). */
function writeValid<T extends WireMessageType>(tx: bigint, body: MessageOfType<T>, writer?: protobuf.Writer): protobuf.Writer {
  const wireBody: WireBody<T> = codecFor<T>(body.type as T).toWire(body);
  return WireEnvelope.encode({ version: WIRE_VERSION, tx: txToWire(tx), [body.type]: wireBody }, writer);
}

/** A plain Uint8Array view of what a writer wrote: callers never see protobufjs' Buffer subclass. */
function finish(writer: protobuf.Writer): Uint8Array {
  const encoded = writer.finish();
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.length);
}

/** Encodes a body already known to be valid. */
function encodeValid<T extends WireMessageType>(tx: bigint, body: MessageOfType<T>): Uint8Array {
  return finish(writeValid(tx, body));
}

/**
 * The canonical encoding of `envelope`, at most MAX_FRAME_BYTES long.
 * Throws RangeError if the envelope breaks any rule of spec/wire.md (the error names the field);
 * nothing is encoded that a peer would have to refuse. Like a Node Buffer, the result may be a view
 * into a shared allocation: write or copy it, never transfer its `.buffer`.
 */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  const { body } = envelope;
  // `as never`: TypeScript cannot tie the codec picked by body.type to body's own variant.
  codecFor(body.type).validate(body as never);
  return encodeValid(envelope.tx, body);
}

/**
 * `encodeFrame(encodeEnvelope(envelope))` (spec/wire.md §2) written at once: the length prefix is
 * protobuf's own varint, so the frame a transport sends takes one allocation and one copy of its
 * bytes fields, not two. Same errors, same bytes, same sharing as `encodeEnvelope`.
 */
export function encodeEnvelopeFrame(envelope: Envelope): Uint8Array {
  const { body } = envelope;
  codecFor(body.type).validate(body as never);
  return finish(writeValid(envelope.tx, body, protobuf.Writer.create().fork()).ldelim());
}

/**
 * Field numbers (warren.proto) of the bodies whose one field is the block (`bytes block = 1`),
 * and so the last bytes of their envelope's encoding.
 */
const BLOCK_BODY_FIELDS = { dataFound: 5, insertData: 17 } as const;
const BLOCK_FIELD_KEY = (1 << 3) | 2;

/**
 * The bytes of `encodeEnvelopeFrame(envelope)`, as segments: for DataFound and InsertData, the
 * frame's prefix, the envelope's fields and the body's field keys and lengths in one small buffer,
 * followed by the block itself, not copied (the caller leaves it unchanged until it is written);
 * any other envelope in one buffer. Same errors as `encodeEnvelope`.
 */
export function encodeEnvelopeFrameSegments(envelope: Envelope): FrameSegments {
  const { body } = envelope;
  if (!carriesBlockLast(body)) return encodeEnvelopeFrame(envelope);
  codecFor(body.type).validate(body as never);
  return new Uint8ArrayList(blockEnvelopeHead(envelope.tx, body, true), body.block);
}

type BlockBody = MessageOfType<keyof typeof BLOCK_BODY_FIELDS>;

function carriesBlockLast(body: WireMessage): body is BlockBody {
  return Object.hasOwn(BLOCK_BODY_FIELDS, body.type);
}

/**
 * The canonical encoding of a block-carrying envelope up to its block (after the frame's length
 * prefix when `framed`): the envelope's fields, then the body's key and length and the block's.
 */
function blockEnvelopeHead(tx: bigint, body: BlockBody, framed: boolean): Uint8Array {
  const fields = { version: WIRE_VERSION, tx: txToWire(tx) };
  const bodyKey = (BLOCK_BODY_FIELDS[body.type] << 3) | 2;
  const blockLength = body.block.length;
  const bodyLength = 1 + varintLength(blockLength) + blockLength;
  const writer = protobuf.Writer.create();
  if (framed) writer.uint32(WireEnvelope.encode(fields).len + varintLength(bodyKey) + varintLength(bodyLength) + bodyLength);
  WireEnvelope.encode(fields, writer).uint32(bodyKey).uint32(bodyLength).uint32(BLOCK_FIELD_KEY).uint32(blockLength);
  return finish(writer);
}

/** Whether `bytes` are the canonical encoding of `envelope`; a block is compared in place, not re-encoded. */
function isCanonical(envelope: Envelope, bytes: Uint8Array): boolean {
  const { body } = envelope;
  if (!carriesBlockLast(body)) return sameBytes(encodeValid(envelope.tx, body), bytes);
  const head = blockEnvelopeHead(envelope.tx, body, false);
  return (
    bytes.length === head.length + body.block.length && sameBytes(head, bytes.subarray(0, head.length)) && sameBytes(body.block, bytes.subarray(head.length))
  );
}

/** The body a decoded envelope carries: exactly one oneof field must be set. */
function selectBody(decoded: warren.wire.v1.Envelope.$Properties, bytesOf: BytesOf): WireMessage {
  const present = BODY_TYPES.filter((type) => decoded[type] != null);
  if (present.length !== 1) throw new WireDecodeError(`envelope must carry exactly one body, found ${present.length}`);
  const type = present[0]!;
  const codec: BodyCodec<typeof type> = codecFor(type);
  const message = codec.fromWire(decoded[type] as WireBody<typeof type>, bytesOf);
  codec.validate(message);
  return message;
}

export interface DecodeOptions {
  /**
   * The caller gives `bytes` up: it never reads or changes them again (a frame fresh from the
   * FrameDecoder). Byte fields of the result are then views into them rather than copies, which
   * spares a transport one copy of every block it receives. Default false.
   */
  readonly owned?: boolean;
}

/**
 * Decodes one envelope (the payload of one frame). Whatever the bytes, the only error thrown is
 * WireDecodeError: truncated or malformed protobuf, wrong version, no body or several, unknown
 * enum values, any field outside its limits, or bytes that are not the canonical encoding. The
 * result shares no memory with `bytes` unless `owned` is set.
 */
export function decodeEnvelope(bytes: Uint8Array, options: DecodeOptions = {}): Envelope {
  try {
    if (!(bytes instanceof Uint8Array)) throw new WireDecodeError('envelope must be a Uint8Array');
    if (bytes.length === 0 || bytes.length > MAX_FRAME_BYTES) {
      throw new WireDecodeError(`envelope must be 1..${MAX_FRAME_BYTES} bytes, got ${bytes.length}`);
    }
    const decoded = WireEnvelope.decode(bytes);
    if (decoded.version !== WIRE_VERSION) {
      throw new WireDecodeError(`unsupported wire version ${decoded.version} (this node speaks ${WIRE_VERSION})`);
    }
    const envelope: Envelope = { tx: txFromWire(decoded.tx), body: selectBody(decoded, options.owned === true ? viewBytes : copyBytes) };
    if (!isCanonical(envelope, bytes)) {
      throw new WireDecodeError('envelope is not in canonical encoding');
    }
    return envelope;
  } catch (error) {
    if (error instanceof WireDecodeError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new WireDecodeError(`malformed envelope: ${reason}`, { cause: error });
  }
}
