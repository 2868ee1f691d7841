/**
 * The wire messages as the rest of Warren sees them: plain TypeScript values, one variant per
 * body of `Envelope` in warren.proto, discriminated by `type` (the name of the oneof field).
 * protocol/wire/envelope.ts turns them into bytes and back; nothing outside protocol/wire sees
 * the generated protobufjs classes.
 */

/** Kind of key a routing key belongs to: tells a relay how to verify the block. */
export type KeyType = 'chk' | 'ssk';

/** A node's identity proof plus where to reach it; the ring location is derived from the proof. */
export interface NodeRef {
  /** Ed25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  /** Proof-of-work nonce, 8 bytes. */
  readonly powNonce: Uint8Array;
  /** Multiaddr strings, at most 8, each 1..256 printable ASCII characters starting with "/". */
  readonly addresses: readonly string[];
}

/** First message on a link, each way: the sender's identity proof. */
export interface Hello {
  readonly type: 'hello';
  readonly node: NodeRef;
}

/** Ask for the block under `routingKey`; `htl` is 1..18. */
export interface DataRequest {
  readonly type: 'dataRequest';
  readonly keyType: KeyType;
  readonly routingKey: Uint8Array;
  readonly htl: number;
}

/** The requested block, 1..32768 bytes. */
export interface DataFound {
  readonly type: 'dataFound';
  readonly block: Uint8Array;
}

/** Hops to live ran out before the block was found. */
export interface DataNotFound {
  readonly type: 'dataNotFound';
}

/** The replying node ran out of peers to try; `htl` (0..18) is what was left. */
export interface RouteNotFound {
  readonly type: 'routeNotFound';
  readonly htl: number;
}

/** The replying node has already seen this tx. */
export interface RejectedLoop {
  readonly type: 'rejectedLoop';
}

/** Refused for load; `local` is true when the replying node itself is overloaded. */
export interface RejectedOverload {
  readonly type: 'rejectedOverload';
  readonly local: boolean;
}

/** Store a block under `routingKey`; `htl` is 1..18. The block follows in InsertData once accepted. */
export interface InsertRequest {
  readonly type: 'insertRequest';
  readonly keyType: KeyType;
  readonly routingKey: Uint8Array;
  readonly htl: number;
}

/** The receiver of a DataRequest takes the request on: its answer follows under the same tx. */
export interface RequestAccepted {
  readonly type: 'requestAccepted';
}

/** The receiver of an InsertRequest takes the insert on: send the InsertData. */
export interface InsertAccepted {
  readonly type: 'insertAccepted';
}

/** The block of an accepted insert, 1..32768 bytes, under the InsertRequest's tx. */
export interface InsertData {
  readonly type: 'insertData';
  readonly block: Uint8Array;
}

/** How an insert ended: stored, or the block did not verify. */
export interface InsertReplyPlain {
  readonly type: 'insertReply';
  readonly outcome: 'stored' | 'invalidBlock';
}

/** How an insert ended: the SSK slot already held `existingBlock`, a different valid block. */
export interface InsertReplyCollision {
  readonly type: 'insertReply';
  readonly outcome: 'collision';
  readonly existingBlock: Uint8Array;
}

export type InsertReply = InsertReplyPlain | InsertReplyCollision;

/** Outcomes an InsertReply can carry. */
export type InsertOutcome = InsertReply['outcome'];

/** Opennet: `node` announces itself toward its own location; `htl` is 1..18. */
export interface Announce {
  readonly type: 'announce';
  readonly node: NodeRef;
  readonly htl: number;
}

/** Offers `node` as a new peer: answer to an Announce, or path folding after a request. */
export interface PeerOffer {
  readonly type: 'peerOffer';
  readonly node: NodeRef;
}

/** Liveness probe; answered with a Pong under the same tx. */
export interface Ping {
  readonly type: 'ping';
}

export interface Pong {
  readonly type: 'pong';
}

/** Darknet swapping: a swap walk carrying the initiator's commitment; `hops` (1..10) is what it still makes. */
export interface SwapRequest {
  readonly type: 'swapRequest';
  readonly commitment: Uint8Array;
  readonly hops: number;
}

/** The end of a swap walk takes part: its commitment (32 bytes), back along the walk. */
export interface SwapCommit {
  readonly type: 'swapCommit';
  readonly commitment: Uint8Array;
}

/** One end's offer: its 32-byte nonce, its location and its links' locations (at most 128), all in [0, 1). */
export interface SwapReveal {
  readonly type: 'swapReveal';
  readonly nonce: Uint8Array;
  readonly location: number;
  readonly neighbourLocations: readonly number[];
}

/** The swap walk ended without a swap; `notSwapping`: the sender declines every swap (it does not swap at all). */
export interface SwapRejected {
  readonly type: 'swapRejected';
  readonly notSwapping?: true;
}

/** A darknet node's ring location, in [0, 1), sent to its links. */
export interface LocationUpdate {
  readonly type: 'locationUpdate';
  readonly location: number;
}

export type WireMessage =
  | Hello
  | DataRequest
  | RequestAccepted
  | DataFound
  | DataNotFound
  | RouteNotFound
  | RejectedLoop
  | RejectedOverload
  | InsertRequest
  | InsertAccepted
  | InsertData
  | InsertReply
  | Announce
  | PeerOffer
  | Ping
  | Pong
  | SwapRequest
  | SwapCommit
  | SwapReveal
  | SwapRejected
  | LocationUpdate;

export type WireMessageType = WireMessage['type'];

/** The variant (or variants, for InsertReply) of WireMessage with the given type. */
export type MessageOfType<T extends WireMessageType> = Extract<WireMessage, { readonly type: T }>;

/** One message on a link: a transaction id (0 ≤ tx < 2^64) and a body. The version is implicit. */
export interface Envelope {
  readonly tx: bigint;
  readonly body: WireMessage;
}
