/**
 * The wire format, version 1 (spec/wire.md): typed messages, the envelope codec and framing.
 *
 *   messages.ts  the TypeScript message types          limits.ts  the agreed numbers
 *   envelope.ts  Envelope ⇄ canonical protobuf bytes   frame.ts   varint length-prefixed frames
 *   bodies.ts    one codec per message type            fields.ts  shared field rules, enum maps
 *   generated/   protobufjs static code from warren.proto (npm run wire:generate)
 */
export { decodeEnvelope, type DecodeOptions, encodeEnvelope, encodeEnvelopeFrame, encodeEnvelopeFrameSegments } from './envelope.js';
export { encodeFrame, FrameDecoder, type FrameSegments, MAX_FRAME_PREFIX_BYTES } from './frame.js';
export * from './limits.js';
export type * from './messages.js';
