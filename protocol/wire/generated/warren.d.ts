import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace warren. */
export namespace warren {

    /** Namespace wire. */
    namespace wire {

        /** Namespace v1. */
        namespace v1 {

            /**
             * Properties of an Envelope.
             * @deprecated Use warren.wire.v1.Envelope.$Properties instead.
             */
            interface IEnvelope extends warren.wire.v1.Envelope.$Properties {
            }

            /** The one top-level message on a link. */
            class Envelope {

                /**
                 * Constructs a new Envelope.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.Envelope.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Wire format version; MUST be 1. A receiver drops the link on any other value. */
                version: number;

                /**
                 * Transaction id: 64 uniformly random bits chosen by the node that starts the transaction.
                 * Relays forward a request with the same tx (that is how loops are detected) and every
                 * reply carries the tx of the message it answers. It encodes nothing about any node.
                 */
                tx: Long;

                /** Envelope hello. */
                hello?: (warren.wire.v1.Hello.$Properties|null);

                /** Envelope dataRequest. */
                dataRequest?: (warren.wire.v1.DataRequest.$Properties|null);

                /** Envelope dataFound. */
                dataFound?: (warren.wire.v1.DataFound.$Properties|null);

                /** Envelope dataNotFound. */
                dataNotFound?: (warren.wire.v1.DataNotFound.$Properties|null);

                /** Envelope routeNotFound. */
                routeNotFound?: (warren.wire.v1.RouteNotFound.$Properties|null);

                /** Envelope rejectedLoop. */
                rejectedLoop?: (warren.wire.v1.RejectedLoop.$Properties|null);

                /** Envelope rejectedOverload. */
                rejectedOverload?: (warren.wire.v1.RejectedOverload.$Properties|null);

                /** Envelope insertRequest. */
                insertRequest?: (warren.wire.v1.InsertRequest.$Properties|null);

                /** Envelope insertReply. */
                insertReply?: (warren.wire.v1.InsertReply.$Properties|null);

                /** Envelope announce. */
                announce?: (warren.wire.v1.Announce.$Properties|null);

                /** Envelope peerOffer. */
                peerOffer?: (warren.wire.v1.PeerOffer.$Properties|null);

                /** Envelope ping. */
                ping?: (warren.wire.v1.Ping.$Properties|null);

                /** Envelope pong. */
                pong?: (warren.wire.v1.Pong.$Properties|null);

                /** Envelope insertAccepted. */
                insertAccepted?: (warren.wire.v1.InsertAccepted.$Properties|null);

                /** Envelope insertData. */
                insertData?: (warren.wire.v1.InsertData.$Properties|null);

                /** Envelope requestAccepted. */
                requestAccepted?: (warren.wire.v1.RequestAccepted.$Properties|null);

                /** Envelope swapRequest. */
                swapRequest?: (warren.wire.v1.SwapRequest.$Properties|null);

                /** Envelope swapCommit. */
                swapCommit?: (warren.wire.v1.SwapCommit.$Properties|null);

                /** Envelope swapReveal. */
                swapReveal?: (warren.wire.v1.SwapReveal.$Properties|null);

                /** Envelope swapRejected. */
                swapRejected?: (warren.wire.v1.SwapRejected.$Properties|null);

                /** Envelope locationUpdate. */
                locationUpdate?: (warren.wire.v1.LocationUpdate.$Properties|null);

                /** Exactly one body MUST be present. */
                body?: ("hello"|"dataRequest"|"dataFound"|"dataNotFound"|"routeNotFound"|"rejectedLoop"|"rejectedOverload"|"insertRequest"|"insertReply"|"announce"|"peerOffer"|"ping"|"pong"|"insertAccepted"|"insertData"|"requestAccepted"|"swapRequest"|"swapCommit"|"swapReveal"|"swapRejected"|"locationUpdate");

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Envelope instance
                 */
                static create(properties: warren.wire.v1.Envelope.$Shape): warren.wire.v1.Envelope & warren.wire.v1.Envelope.$Shape;
                static create(properties?: warren.wire.v1.Envelope.$Properties): warren.wire.v1.Envelope;

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link warren.wire.v1.Envelope.verify|verify} messages.
                 * @param message Envelope message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Envelope & warren.wire.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.Envelope & warren.wire.v1.Envelope.$Shape;
            }

            namespace Envelope {

                /** Properties of an Envelope. */
                interface $Properties {

                    /** Wire format version; MUST be 1. A receiver drops the link on any other value. */
                    version?: (number|null);

                    /**
                     * Transaction id: 64 uniformly random bits chosen by the node that starts the transaction.
                     * Relays forward a request with the same tx (that is how loops are detected) and every
                     * reply carries the tx of the message it answers. It encodes nothing about any node.
                     */
                    tx?: (Long|null);

                    /** Envelope hello */
                    hello?: (warren.wire.v1.Hello.$Properties|null);

                    /** Envelope dataRequest */
                    dataRequest?: (warren.wire.v1.DataRequest.$Properties|null);

                    /** Envelope dataFound */
                    dataFound?: (warren.wire.v1.DataFound.$Properties|null);

                    /** Envelope dataNotFound */
                    dataNotFound?: (warren.wire.v1.DataNotFound.$Properties|null);

                    /** Envelope routeNotFound */
                    routeNotFound?: (warren.wire.v1.RouteNotFound.$Properties|null);

                    /** Envelope rejectedLoop */
                    rejectedLoop?: (warren.wire.v1.RejectedLoop.$Properties|null);

                    /** Envelope rejectedOverload */
                    rejectedOverload?: (warren.wire.v1.RejectedOverload.$Properties|null);

                    /** Envelope insertRequest */
                    insertRequest?: (warren.wire.v1.InsertRequest.$Properties|null);

                    /** Envelope insertReply */
                    insertReply?: (warren.wire.v1.InsertReply.$Properties|null);

                    /** Envelope announce */
                    announce?: (warren.wire.v1.Announce.$Properties|null);

                    /** Envelope peerOffer */
                    peerOffer?: (warren.wire.v1.PeerOffer.$Properties|null);

                    /** Envelope ping */
                    ping?: (warren.wire.v1.Ping.$Properties|null);

                    /** Envelope pong */
                    pong?: (warren.wire.v1.Pong.$Properties|null);

                    /** Envelope insertAccepted */
                    insertAccepted?: (warren.wire.v1.InsertAccepted.$Properties|null);

                    /** Envelope insertData */
                    insertData?: (warren.wire.v1.InsertData.$Properties|null);

                    /** Envelope requestAccepted */
                    requestAccepted?: (warren.wire.v1.RequestAccepted.$Properties|null);

                    /** Envelope swapRequest */
                    swapRequest?: (warren.wire.v1.SwapRequest.$Properties|null);

                    /** Envelope swapCommit */
                    swapCommit?: (warren.wire.v1.SwapCommit.$Properties|null);

                    /** Envelope swapReveal */
                    swapReveal?: (warren.wire.v1.SwapReveal.$Properties|null);

                    /** Envelope swapRejected */
                    swapRejected?: (warren.wire.v1.SwapRejected.$Properties|null);

                    /** Envelope locationUpdate */
                    locationUpdate?: (warren.wire.v1.LocationUpdate.$Properties|null);

                    /** Exactly one body MUST be present. */
                    body?: ("hello"|"dataRequest"|"dataFound"|"dataNotFound"|"routeNotFound"|"rejectedLoop"|"rejectedOverload"|"insertRequest"|"insertReply"|"announce"|"peerOffer"|"ping"|"pong"|"insertAccepted"|"insertData"|"requestAccepted"|"swapRequest"|"swapCommit"|"swapReveal"|"swapRejected"|"locationUpdate");

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Narrowed shape of an Envelope. */
                type $Shape = {
                  version?: number|null;
                  tx?: Long|null;
                  hello?: warren.wire.v1.Hello.$Shape|null;
                  dataRequest?: warren.wire.v1.DataRequest.$Shape|null;
                  dataFound?: warren.wire.v1.DataFound.$Shape|null;
                  dataNotFound?: warren.wire.v1.DataNotFound.$Shape|null;
                  routeNotFound?: warren.wire.v1.RouteNotFound.$Shape|null;
                  rejectedLoop?: warren.wire.v1.RejectedLoop.$Shape|null;
                  rejectedOverload?: warren.wire.v1.RejectedOverload.$Shape|null;
                  insertRequest?: warren.wire.v1.InsertRequest.$Shape|null;
                  insertReply?: warren.wire.v1.InsertReply.$Shape|null;
                  announce?: warren.wire.v1.Announce.$Shape|null;
                  peerOffer?: warren.wire.v1.PeerOffer.$Shape|null;
                  ping?: warren.wire.v1.Ping.$Shape|null;
                  pong?: warren.wire.v1.Pong.$Shape|null;
                  insertAccepted?: warren.wire.v1.InsertAccepted.$Shape|null;
                  insertData?: warren.wire.v1.InsertData.$Shape|null;
                  requestAccepted?: warren.wire.v1.RequestAccepted.$Shape|null;
                  swapRequest?: warren.wire.v1.SwapRequest.$Shape|null;
                  swapCommit?: warren.wire.v1.SwapCommit.$Shape|null;
                  swapReveal?: warren.wire.v1.SwapReveal.$Shape|null;
                  swapRejected?: warren.wire.v1.SwapRejected.$Shape|null;
                  locationUpdate?: warren.wire.v1.LocationUpdate.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ body?: undefined; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "hello"; hello: warren.wire.v1.Hello.$Shape; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "dataRequest"; hello?: null; dataRequest: warren.wire.v1.DataRequest.$Shape; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "dataFound"; hello?: null; dataRequest?: null; dataFound: warren.wire.v1.DataFound.$Shape; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "dataNotFound"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound: warren.wire.v1.DataNotFound.$Shape; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "routeNotFound"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound: warren.wire.v1.RouteNotFound.$Shape; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "rejectedLoop"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop: warren.wire.v1.RejectedLoop.$Shape; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "rejectedOverload"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload: warren.wire.v1.RejectedOverload.$Shape; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "insertRequest"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest: warren.wire.v1.InsertRequest.$Shape; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "insertReply"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply: warren.wire.v1.InsertReply.$Shape; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "announce"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce: warren.wire.v1.Announce.$Shape; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "peerOffer"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer: warren.wire.v1.PeerOffer.$Shape; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "ping"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping: warren.wire.v1.Ping.$Shape; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "pong"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong: warren.wire.v1.Pong.$Shape; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "insertAccepted"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted: warren.wire.v1.InsertAccepted.$Shape; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "insertData"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData: warren.wire.v1.InsertData.$Shape; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "requestAccepted"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted: warren.wire.v1.RequestAccepted.$Shape; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "swapRequest"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest: warren.wire.v1.SwapRequest.$Shape; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "swapCommit"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit: warren.wire.v1.SwapCommit.$Shape; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "swapReveal"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal: warren.wire.v1.SwapReveal.$Shape; swapRejected?: null; locationUpdate?: null }|{ body?: "swapRejected"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected: warren.wire.v1.SwapRejected.$Shape; locationUpdate?: null }|{ body?: "locationUpdate"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate: warren.wire.v1.LocationUpdate.$Shape })
                );
            }

            /**
             * Properties of a NodeRef.
             * @deprecated Use warren.wire.v1.NodeRef.$Properties instead.
             */
            interface INodeRef extends warren.wire.v1.NodeRef.$Properties {
            }

            /**
             * A node's identity proof plus where to reach it. Its ring location is derived from the proof
             * (spec/identity.md), never sent.
             */
            class NodeRef {

                /**
                 * Constructs a new NodeRef.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.NodeRef.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Ed25519 public key of the node: exactly 32 bytes. */
                publicKey: Uint8Array;

                /**
                 * Proof-of-work nonce: exactly 8 bytes, such that the identity hash of public_key and
                 * pow_nonce has the network's required number of leading zero bits.
                 */
                powNonce: Uint8Array;

                /**
                 * Multiaddr strings the node listens on, e.g. "/ip4/192.0.2.7/tcp/9301": at most 8, each
                 * 1..256 printable ASCII characters starting with "/". May be empty (not reachable).
                 */
                addresses: string[];

                /**
                 * Creates a new NodeRef instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns NodeRef instance
                 */
                static create(properties: warren.wire.v1.NodeRef.$Shape): warren.wire.v1.NodeRef & warren.wire.v1.NodeRef.$Shape;
                static create(properties?: warren.wire.v1.NodeRef.$Properties): warren.wire.v1.NodeRef;

                /**
                 * Encodes the specified NodeRef message. Does not implicitly {@link warren.wire.v1.NodeRef.verify|verify} messages.
                 * @param message NodeRef message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.NodeRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a NodeRef message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.NodeRef & warren.wire.v1.NodeRef.$Shape} NodeRef
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.NodeRef & warren.wire.v1.NodeRef.$Shape;
            }

            namespace NodeRef {

                /** Properties of a NodeRef. */
                interface $Properties {

                    /** Ed25519 public key of the node: exactly 32 bytes. */
                    publicKey?: (Uint8Array|null);

                    /**
                     * Proof-of-work nonce: exactly 8 bytes, such that the identity hash of public_key and
                     * pow_nonce has the network's required number of leading zero bits.
                     */
                    powNonce?: (Uint8Array|null);

                    /**
                     * Multiaddr strings the node listens on, e.g. "/ip4/192.0.2.7/tcp/9301": at most 8, each
                     * 1..256 printable ASCII characters starting with "/". May be empty (not reachable).
                     */
                    addresses?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a NodeRef. */
                type $Shape = warren.wire.v1.NodeRef.$Properties;
            }

            /** Which kind of key a routing key belongs to; tells a relay how to verify the block. */
            enum KeyType {

                /** Never valid on the wire. */
                KEY_TYPE_UNSPECIFIED = 0,

                /** Content hash key: routing key = hash of the block. */
                KEY_TYPE_CHK = 1,

                /** Signed subspace key: the block carries a public key and signature matching the routing key. */
                KEY_TYPE_SSK = 2
            }

            /**
             * Properties of a Hello.
             * @deprecated Use warren.wire.v1.Hello.$Properties instead.
             */
            interface IHello extends warren.wire.v1.Hello.$Properties {
            }

            /** The identity proof each side sends first on a link, before any other message. */
            class Hello {

                /**
                 * Constructs a new Hello.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.Hello.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The sender's own identity and addresses. */
                node?: (warren.wire.v1.NodeRef.$Properties|null);

                /**
                 * Creates a new Hello instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Hello instance
                 */
                static create(properties: warren.wire.v1.Hello.$Shape): warren.wire.v1.Hello & warren.wire.v1.Hello.$Shape;
                static create(properties?: warren.wire.v1.Hello.$Properties): warren.wire.v1.Hello;

                /**
                 * Encodes the specified Hello message. Does not implicitly {@link warren.wire.v1.Hello.verify|verify} messages.
                 * @param message Hello message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Hello message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Hello & warren.wire.v1.Hello.$Shape} Hello
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.Hello & warren.wire.v1.Hello.$Shape;
            }

            namespace Hello {

                /** Properties of a Hello. */
                interface $Properties {

                    /** The sender's own identity and addresses. */
                    node?: (warren.wire.v1.NodeRef.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Hello. */
                type $Shape = warren.wire.v1.Hello.$Properties;
            }

            /**
             * Properties of a DataRequest.
             * @deprecated Use warren.wire.v1.DataRequest.$Properties instead.
             */
            interface IDataRequest extends warren.wire.v1.DataRequest.$Properties {
            }

            /** Ask for the block stored under a routing key. */
            class DataRequest {

                /**
                 * Constructs a new DataRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.DataRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Kind of key requested; MUST NOT be KEY_TYPE_UNSPECIFIED. */
                keyType: warren.wire.v1.KeyType;

                /** Routing key of the block: exactly 32 bytes. Determines the key's ring location. */
                routingKey: Uint8Array;

                /** Hops to live left for this request: 1..18. */
                htl: number;

                /**
                 * Creates a new DataRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DataRequest instance
                 */
                static create(properties: warren.wire.v1.DataRequest.$Shape): warren.wire.v1.DataRequest & warren.wire.v1.DataRequest.$Shape;
                static create(properties?: warren.wire.v1.DataRequest.$Properties): warren.wire.v1.DataRequest;

                /**
                 * Encodes the specified DataRequest message. Does not implicitly {@link warren.wire.v1.DataRequest.verify|verify} messages.
                 * @param message DataRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.DataRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DataRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.DataRequest & warren.wire.v1.DataRequest.$Shape} DataRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.DataRequest & warren.wire.v1.DataRequest.$Shape;
            }

            namespace DataRequest {

                /** Properties of a DataRequest. */
                interface $Properties {

                    /** Kind of key requested; MUST NOT be KEY_TYPE_UNSPECIFIED. */
                    keyType?: (warren.wire.v1.KeyType|null);

                    /** Routing key of the block: exactly 32 bytes. Determines the key's ring location. */
                    routingKey?: (Uint8Array|null);

                    /** Hops to live left for this request: 1..18. */
                    htl?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DataRequest. */
                type $Shape = warren.wire.v1.DataRequest.$Properties;
            }

            /**
             * Properties of a RequestAccepted.
             * @deprecated Use warren.wire.v1.RequestAccepted.$Properties instead.
             */
            interface IRequestAccepted extends warren.wire.v1.RequestAccepted.$Properties {
            }

            /**
             * The receiver of a DataRequest takes the request on: its answer follows under the same tx. Sent by
             * every node that admits a DataRequest, before anything else it sends for it, so that a sender can
             * pass over a peer that takes requests in silence after a short wait.
             */
            class RequestAccepted {

                /**
                 * Constructs a new RequestAccepted.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.RequestAccepted.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new RequestAccepted instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RequestAccepted instance
                 */
                static create(properties: warren.wire.v1.RequestAccepted.$Shape): warren.wire.v1.RequestAccepted & warren.wire.v1.RequestAccepted.$Shape;
                static create(properties?: warren.wire.v1.RequestAccepted.$Properties): warren.wire.v1.RequestAccepted;

                /**
                 * Encodes the specified RequestAccepted message. Does not implicitly {@link warren.wire.v1.RequestAccepted.verify|verify} messages.
                 * @param message RequestAccepted message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.RequestAccepted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RequestAccepted message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.RequestAccepted & warren.wire.v1.RequestAccepted.$Shape} RequestAccepted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.RequestAccepted & warren.wire.v1.RequestAccepted.$Shape;
            }

            namespace RequestAccepted {

                /** Properties of a RequestAccepted. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RequestAccepted. */
                type $Shape = warren.wire.v1.RequestAccepted.$Properties;
            }

            /**
             * Properties of a DataFound.
             * @deprecated Use warren.wire.v1.DataFound.$Properties instead.
             */
            interface IDataFound extends warren.wire.v1.DataFound.$Properties {
            }

            /** The requested block was found; travels back along the request path. */
            class DataFound {

                /**
                 * Constructs a new DataFound.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.DataFound.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The block: 1..32768 bytes. Every receiver verifies it against the requested routing key. */
                block: Uint8Array;

                /**
                 * Creates a new DataFound instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DataFound instance
                 */
                static create(properties: warren.wire.v1.DataFound.$Shape): warren.wire.v1.DataFound & warren.wire.v1.DataFound.$Shape;
                static create(properties?: warren.wire.v1.DataFound.$Properties): warren.wire.v1.DataFound;

                /**
                 * Encodes the specified DataFound message. Does not implicitly {@link warren.wire.v1.DataFound.verify|verify} messages.
                 * @param message DataFound message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.DataFound.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DataFound message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.DataFound & warren.wire.v1.DataFound.$Shape} DataFound
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.DataFound & warren.wire.v1.DataFound.$Shape;
            }

            namespace DataFound {

                /** Properties of a DataFound. */
                interface $Properties {

                    /** The block: 1..32768 bytes. Every receiver verifies it against the requested routing key. */
                    block?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DataFound. */
                type $Shape = warren.wire.v1.DataFound.$Properties;
            }

            /**
             * Properties of a DataNotFound.
             * @deprecated Use warren.wire.v1.DataNotFound.$Properties instead.
             */
            interface IDataNotFound extends warren.wire.v1.DataNotFound.$Properties {
            }

            /** Hops to live ran out before the block was found. */
            class DataNotFound {

                /**
                 * Constructs a new DataNotFound.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.DataNotFound.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new DataNotFound instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DataNotFound instance
                 */
                static create(properties: warren.wire.v1.DataNotFound.$Shape): warren.wire.v1.DataNotFound & warren.wire.v1.DataNotFound.$Shape;
                static create(properties?: warren.wire.v1.DataNotFound.$Properties): warren.wire.v1.DataNotFound;

                /**
                 * Encodes the specified DataNotFound message. Does not implicitly {@link warren.wire.v1.DataNotFound.verify|verify} messages.
                 * @param message DataNotFound message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.DataNotFound.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DataNotFound message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.DataNotFound & warren.wire.v1.DataNotFound.$Shape} DataNotFound
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.DataNotFound & warren.wire.v1.DataNotFound.$Shape;
            }

            namespace DataNotFound {

                /** Properties of a DataNotFound. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DataNotFound. */
                type $Shape = warren.wire.v1.DataNotFound.$Properties;
            }

            /**
             * Properties of a RouteNotFound.
             * @deprecated Use warren.wire.v1.RouteNotFound.$Properties instead.
             */
            interface IRouteNotFound extends warren.wire.v1.RouteNotFound.$Properties {
            }

            /** The replying node has no further peer to try; the sender tries its next peer (backtracking). */
            class RouteNotFound {

                /**
                 * Constructs a new RouteNotFound.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.RouteNotFound.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Hops to live left when the route ran out: 0..18. */
                htl: number;

                /**
                 * Creates a new RouteNotFound instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RouteNotFound instance
                 */
                static create(properties: warren.wire.v1.RouteNotFound.$Shape): warren.wire.v1.RouteNotFound & warren.wire.v1.RouteNotFound.$Shape;
                static create(properties?: warren.wire.v1.RouteNotFound.$Properties): warren.wire.v1.RouteNotFound;

                /**
                 * Encodes the specified RouteNotFound message. Does not implicitly {@link warren.wire.v1.RouteNotFound.verify|verify} messages.
                 * @param message RouteNotFound message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.RouteNotFound.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RouteNotFound message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.RouteNotFound & warren.wire.v1.RouteNotFound.$Shape} RouteNotFound
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.RouteNotFound & warren.wire.v1.RouteNotFound.$Shape;
            }

            namespace RouteNotFound {

                /** Properties of a RouteNotFound. */
                interface $Properties {

                    /** Hops to live left when the route ran out: 0..18. */
                    htl?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RouteNotFound. */
                type $Shape = warren.wire.v1.RouteNotFound.$Properties;
            }

            /**
             * Properties of a RejectedLoop.
             * @deprecated Use warren.wire.v1.RejectedLoop.$Properties instead.
             */
            interface IRejectedLoop extends warren.wire.v1.RejectedLoop.$Properties {
            }

            /** The replying node has already seen this transaction: the request went in a loop. */
            class RejectedLoop {

                /**
                 * Constructs a new RejectedLoop.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.RejectedLoop.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new RejectedLoop instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RejectedLoop instance
                 */
                static create(properties: warren.wire.v1.RejectedLoop.$Shape): warren.wire.v1.RejectedLoop & warren.wire.v1.RejectedLoop.$Shape;
                static create(properties?: warren.wire.v1.RejectedLoop.$Properties): warren.wire.v1.RejectedLoop;

                /**
                 * Encodes the specified RejectedLoop message. Does not implicitly {@link warren.wire.v1.RejectedLoop.verify|verify} messages.
                 * @param message RejectedLoop message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.RejectedLoop.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RejectedLoop message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.RejectedLoop & warren.wire.v1.RejectedLoop.$Shape} RejectedLoop
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.RejectedLoop & warren.wire.v1.RejectedLoop.$Shape;
            }

            namespace RejectedLoop {

                /** Properties of a RejectedLoop. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RejectedLoop. */
                type $Shape = warren.wire.v1.RejectedLoop.$Properties;
            }

            /**
             * Properties of a RejectedOverload.
             * @deprecated Use warren.wire.v1.RejectedOverload.$Properties instead.
             */
            interface IRejectedOverload extends warren.wire.v1.RejectedOverload.$Properties {
            }

            /** The replying node refuses the request because of load; the sender backs off from it. */
            class RejectedOverload {

                /**
                 * Constructs a new RejectedOverload.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.RejectedOverload.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * True: the overload is at the replying node itself. False: it was propagated from a node
                 * further downstream.
                 */
                local: boolean;

                /**
                 * Creates a new RejectedOverload instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RejectedOverload instance
                 */
                static create(properties: warren.wire.v1.RejectedOverload.$Shape): warren.wire.v1.RejectedOverload & warren.wire.v1.RejectedOverload.$Shape;
                static create(properties?: warren.wire.v1.RejectedOverload.$Properties): warren.wire.v1.RejectedOverload;

                /**
                 * Encodes the specified RejectedOverload message. Does not implicitly {@link warren.wire.v1.RejectedOverload.verify|verify} messages.
                 * @param message RejectedOverload message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.RejectedOverload.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RejectedOverload message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.RejectedOverload & warren.wire.v1.RejectedOverload.$Shape} RejectedOverload
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.RejectedOverload & warren.wire.v1.RejectedOverload.$Shape;
            }

            namespace RejectedOverload {

                /** Properties of a RejectedOverload. */
                interface $Properties {

                    /**
                     * True: the overload is at the replying node itself. False: it was propagated from a node
                     * further downstream.
                     */
                    local?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RejectedOverload. */
                type $Shape = warren.wire.v1.RejectedOverload.$Properties;
            }

            /**
             * Properties of an InsertRequest.
             * @deprecated Use warren.wire.v1.InsertRequest.$Properties instead.
             */
            interface IInsertRequest extends warren.wire.v1.InsertRequest.$Properties {
            }

            /**
             * Store a block under a routing key at the nodes closest to the key. The block itself follows in
             * an InsertData once the receiver has answered InsertAccepted, so a peer that refuses the insert
             * (a loop, overload) never receives it.
             */
            class InsertRequest {

                /**
                 * Constructs a new InsertRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.InsertRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Kind of key; MUST NOT be KEY_TYPE_UNSPECIFIED. */
                keyType: warren.wire.v1.KeyType;

                /** Routing key of the block: exactly 32 bytes. */
                routingKey: Uint8Array;

                /** Hops to live left for this insert: 1..18. */
                htl: number;

                /**
                 * Creates a new InsertRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns InsertRequest instance
                 */
                static create(properties: warren.wire.v1.InsertRequest.$Shape): warren.wire.v1.InsertRequest & warren.wire.v1.InsertRequest.$Shape;
                static create(properties?: warren.wire.v1.InsertRequest.$Properties): warren.wire.v1.InsertRequest;

                /**
                 * Encodes the specified InsertRequest message. Does not implicitly {@link warren.wire.v1.InsertRequest.verify|verify} messages.
                 * @param message InsertRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.InsertRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an InsertRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.InsertRequest & warren.wire.v1.InsertRequest.$Shape} InsertRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.InsertRequest & warren.wire.v1.InsertRequest.$Shape;
            }

            namespace InsertRequest {

                /** Properties of an InsertRequest. */
                interface $Properties {

                    /** Kind of key; MUST NOT be KEY_TYPE_UNSPECIFIED. */
                    keyType?: (warren.wire.v1.KeyType|null);

                    /** Routing key of the block: exactly 32 bytes. */
                    routingKey?: (Uint8Array|null);

                    /** Hops to live left for this insert: 1..18. */
                    htl?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an InsertRequest. */
                type $Shape = warren.wire.v1.InsertRequest.$Properties;
            }

            /**
             * Properties of an InsertAccepted.
             * @deprecated Use warren.wire.v1.InsertAccepted.$Properties instead.
             */
            interface IInsertAccepted extends warren.wire.v1.InsertAccepted.$Properties {
            }

            /** The receiver of an InsertRequest takes the insert on: the sender now sends its InsertData. */
            class InsertAccepted {

                /**
                 * Constructs a new InsertAccepted.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.InsertAccepted.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new InsertAccepted instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns InsertAccepted instance
                 */
                static create(properties: warren.wire.v1.InsertAccepted.$Shape): warren.wire.v1.InsertAccepted & warren.wire.v1.InsertAccepted.$Shape;
                static create(properties?: warren.wire.v1.InsertAccepted.$Properties): warren.wire.v1.InsertAccepted;

                /**
                 * Encodes the specified InsertAccepted message. Does not implicitly {@link warren.wire.v1.InsertAccepted.verify|verify} messages.
                 * @param message InsertAccepted message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.InsertAccepted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an InsertAccepted message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.InsertAccepted & warren.wire.v1.InsertAccepted.$Shape} InsertAccepted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.InsertAccepted & warren.wire.v1.InsertAccepted.$Shape;
            }

            namespace InsertAccepted {

                /** Properties of an InsertAccepted. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an InsertAccepted. */
                type $Shape = warren.wire.v1.InsertAccepted.$Properties;
            }

            /**
             * Properties of an InsertData.
             * @deprecated Use warren.wire.v1.InsertData.$Properties instead.
             */
            interface IInsertData extends warren.wire.v1.InsertData.$Properties {
            }

            /** The block of an accepted insert, under the tx of its InsertRequest. */
            class InsertData {

                /**
                 * Constructs a new InsertData.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.InsertData.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The block: 1..32768 bytes, verified against the InsertRequest's routing key by the receiver. */
                block: Uint8Array;

                /**
                 * Creates a new InsertData instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns InsertData instance
                 */
                static create(properties: warren.wire.v1.InsertData.$Shape): warren.wire.v1.InsertData & warren.wire.v1.InsertData.$Shape;
                static create(properties?: warren.wire.v1.InsertData.$Properties): warren.wire.v1.InsertData;

                /**
                 * Encodes the specified InsertData message. Does not implicitly {@link warren.wire.v1.InsertData.verify|verify} messages.
                 * @param message InsertData message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.InsertData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an InsertData message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.InsertData & warren.wire.v1.InsertData.$Shape} InsertData
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.InsertData & warren.wire.v1.InsertData.$Shape;
            }

            namespace InsertData {

                /** Properties of an InsertData. */
                interface $Properties {

                    /** The block: 1..32768 bytes, verified against the InsertRequest's routing key by the receiver. */
                    block?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an InsertData. */
                type $Shape = warren.wire.v1.InsertData.$Properties;
            }

            /** How an insert ended. */
            enum InsertOutcome {

                /** Never valid on the wire. */
                INSERT_OUTCOME_UNSPECIFIED = 0,

                /** The block was stored along the path. */
                INSERT_OUTCOME_STORED = 1,

                /** An SSK slot already held a different valid block, carried in existing_block. */
                INSERT_OUTCOME_COLLISION = 2,

                /** The block did not verify against its routing key. */
                INSERT_OUTCOME_INVALID_BLOCK = 3
            }

            /**
             * Properties of an InsertReply.
             * @deprecated Use warren.wire.v1.InsertReply.$Properties instead.
             */
            interface IInsertReply extends warren.wire.v1.InsertReply.$Properties {
            }

            /** The result of an InsertRequest, travelling back along the insert path. */
            class InsertReply {

                /**
                 * Constructs a new InsertReply.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.InsertReply.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** How the insert ended; MUST NOT be INSERT_OUTCOME_UNSPECIFIED. */
                outcome: warren.wire.v1.InsertOutcome;

                /**
                 * With INSERT_OUTCOME_COLLISION: the block already in the slot, 1..32768 bytes.
                 * With any other outcome: empty.
                 */
                existingBlock: Uint8Array;

                /**
                 * Creates a new InsertReply instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns InsertReply instance
                 */
                static create(properties: warren.wire.v1.InsertReply.$Shape): warren.wire.v1.InsertReply & warren.wire.v1.InsertReply.$Shape;
                static create(properties?: warren.wire.v1.InsertReply.$Properties): warren.wire.v1.InsertReply;

                /**
                 * Encodes the specified InsertReply message. Does not implicitly {@link warren.wire.v1.InsertReply.verify|verify} messages.
                 * @param message InsertReply message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.InsertReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an InsertReply message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.InsertReply & warren.wire.v1.InsertReply.$Shape} InsertReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.InsertReply & warren.wire.v1.InsertReply.$Shape;
            }

            namespace InsertReply {

                /** Properties of an InsertReply. */
                interface $Properties {

                    /** How the insert ended; MUST NOT be INSERT_OUTCOME_UNSPECIFIED. */
                    outcome?: (warren.wire.v1.InsertOutcome|null);

                    /**
                     * With INSERT_OUTCOME_COLLISION: the block already in the slot, 1..32768 bytes.
                     * With any other outcome: empty.
                     */
                    existingBlock?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an InsertReply. */
                type $Shape = warren.wire.v1.InsertReply.$Properties;
            }

            /**
             * Properties of an Announce.
             * @deprecated Use warren.wire.v1.Announce.$Properties instead.
             */
            interface IAnnounce extends warren.wire.v1.Announce.$Properties {
            }

            /** Opennet: a new node announces itself toward its own ring location. */
            class Announce {

                /**
                 * Constructs a new Announce.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.Announce.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The announcing node's identity and addresses. */
                node?: (warren.wire.v1.NodeRef.$Properties|null);

                /** Hops to live left for the announcement: 1..18. */
                htl: number;

                /**
                 * Creates a new Announce instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Announce instance
                 */
                static create(properties: warren.wire.v1.Announce.$Shape): warren.wire.v1.Announce & warren.wire.v1.Announce.$Shape;
                static create(properties?: warren.wire.v1.Announce.$Properties): warren.wire.v1.Announce;

                /**
                 * Encodes the specified Announce message. Does not implicitly {@link warren.wire.v1.Announce.verify|verify} messages.
                 * @param message Announce message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.Announce.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Announce message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Announce & warren.wire.v1.Announce.$Shape} Announce
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.Announce & warren.wire.v1.Announce.$Shape;
            }

            namespace Announce {

                /** Properties of an Announce. */
                interface $Properties {

                    /** The announcing node's identity and addresses. */
                    node?: (warren.wire.v1.NodeRef.$Properties|null);

                    /** Hops to live left for the announcement: 1..18. */
                    htl?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Announce. */
                type $Shape = warren.wire.v1.Announce.$Properties;
            }

            /**
             * Properties of a PeerOffer.
             * @deprecated Use warren.wire.v1.PeerOffer.$Properties instead.
             */
            interface IPeerOffer extends warren.wire.v1.PeerOffer.$Properties {
            }

            /** Offers a node as a new peer: the reply to an Announce, or path folding after a request. */
            class PeerOffer {

                /**
                 * Constructs a new PeerOffer.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.PeerOffer.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The node offered. */
                node?: (warren.wire.v1.NodeRef.$Properties|null);

                /**
                 * Creates a new PeerOffer instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns PeerOffer instance
                 */
                static create(properties: warren.wire.v1.PeerOffer.$Shape): warren.wire.v1.PeerOffer & warren.wire.v1.PeerOffer.$Shape;
                static create(properties?: warren.wire.v1.PeerOffer.$Properties): warren.wire.v1.PeerOffer;

                /**
                 * Encodes the specified PeerOffer message. Does not implicitly {@link warren.wire.v1.PeerOffer.verify|verify} messages.
                 * @param message PeerOffer message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.PeerOffer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a PeerOffer message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.PeerOffer & warren.wire.v1.PeerOffer.$Shape} PeerOffer
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.PeerOffer & warren.wire.v1.PeerOffer.$Shape;
            }

            namespace PeerOffer {

                /** Properties of a PeerOffer. */
                interface $Properties {

                    /** The node offered. */
                    node?: (warren.wire.v1.NodeRef.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a PeerOffer. */
                type $Shape = warren.wire.v1.PeerOffer.$Properties;
            }

            /**
             * Properties of a Ping.
             * @deprecated Use warren.wire.v1.Ping.$Properties instead.
             */
            interface IPing extends warren.wire.v1.Ping.$Properties {
            }

            /** Liveness probe; answered with a Pong carrying the same tx. */
            class Ping {

                /**
                 * Constructs a new Ping.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.Ping.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new Ping instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Ping instance
                 */
                static create(properties: warren.wire.v1.Ping.$Shape): warren.wire.v1.Ping & warren.wire.v1.Ping.$Shape;
                static create(properties?: warren.wire.v1.Ping.$Properties): warren.wire.v1.Ping;

                /**
                 * Encodes the specified Ping message. Does not implicitly {@link warren.wire.v1.Ping.verify|verify} messages.
                 * @param message Ping message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Ping message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Ping & warren.wire.v1.Ping.$Shape} Ping
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.Ping & warren.wire.v1.Ping.$Shape;
            }

            namespace Ping {

                /** Properties of a Ping. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Ping. */
                type $Shape = warren.wire.v1.Ping.$Properties;
            }

            /**
             * Properties of a Pong.
             * @deprecated Use warren.wire.v1.Pong.$Properties instead.
             */
            interface IPong extends warren.wire.v1.Pong.$Properties {
            }

            /** Answer to a Ping. */
            class Pong {

                /**
                 * Constructs a new Pong.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.Pong.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * Creates a new Pong instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Pong instance
                 */
                static create(properties: warren.wire.v1.Pong.$Shape): warren.wire.v1.Pong & warren.wire.v1.Pong.$Shape;
                static create(properties?: warren.wire.v1.Pong.$Properties): warren.wire.v1.Pong;

                /**
                 * Encodes the specified Pong message. Does not implicitly {@link warren.wire.v1.Pong.verify|verify} messages.
                 * @param message Pong message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.Pong.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Pong message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Pong & warren.wire.v1.Pong.$Shape} Pong
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.Pong & warren.wire.v1.Pong.$Shape;
            }

            namespace Pong {

                /** Properties of a Pong. */
                interface $Properties {

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Pong. */
                type $Shape = warren.wire.v1.Pong.$Properties;
            }

            /**
             * Properties of a SwapRequest.
             * @deprecated Use warren.wire.v1.SwapRequest.$Properties instead.
             */
            interface ISwapRequest extends warren.wire.v1.SwapRequest.$Properties {
            }

            /**
             * Darknet location swapping (spec/routing.md §11.5). A swap walk: sent by a darknet node to a
             * random friend, relayed from friend to friend under the same tx; the node where it ends answers
             * SwapCommit, then both ends exchange SwapReveal along the walk's path, both ways.
             */
            class SwapRequest {

                /**
                 * Constructs a new SwapRequest.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.SwapRequest.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The initiator's commitment to its SwapReveal: exactly 32 bytes. */
                commitment: Uint8Array;

                /** Hops the walk still makes: 1..10. A node receiving 1 ends the walk. */
                hops: number;

                /**
                 * Creates a new SwapRequest instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SwapRequest instance
                 */
                static create(properties: warren.wire.v1.SwapRequest.$Shape): warren.wire.v1.SwapRequest & warren.wire.v1.SwapRequest.$Shape;
                static create(properties?: warren.wire.v1.SwapRequest.$Properties): warren.wire.v1.SwapRequest;

                /**
                 * Encodes the specified SwapRequest message. Does not implicitly {@link warren.wire.v1.SwapRequest.verify|verify} messages.
                 * @param message SwapRequest message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.SwapRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SwapRequest message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.SwapRequest & warren.wire.v1.SwapRequest.$Shape} SwapRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.SwapRequest & warren.wire.v1.SwapRequest.$Shape;
            }

            namespace SwapRequest {

                /** Properties of a SwapRequest. */
                interface $Properties {

                    /** The initiator's commitment to its SwapReveal: exactly 32 bytes. */
                    commitment?: (Uint8Array|null);

                    /** Hops the walk still makes: 1..10. A node receiving 1 ends the walk. */
                    hops?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SwapRequest. */
                type $Shape = warren.wire.v1.SwapRequest.$Properties;
            }

            /**
             * Properties of a SwapCommit.
             * @deprecated Use warren.wire.v1.SwapCommit.$Properties instead.
             */
            interface ISwapCommit extends warren.wire.v1.SwapCommit.$Properties {
            }

            /** The end of a swap walk takes part: its commitment to its own SwapReveal, back along the walk. */
            class SwapCommit {

                /**
                 * Constructs a new SwapCommit.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.SwapCommit.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exactly 32 bytes. */
                commitment: Uint8Array;

                /**
                 * Creates a new SwapCommit instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SwapCommit instance
                 */
                static create(properties: warren.wire.v1.SwapCommit.$Shape): warren.wire.v1.SwapCommit & warren.wire.v1.SwapCommit.$Shape;
                static create(properties?: warren.wire.v1.SwapCommit.$Properties): warren.wire.v1.SwapCommit;

                /**
                 * Encodes the specified SwapCommit message. Does not implicitly {@link warren.wire.v1.SwapCommit.verify|verify} messages.
                 * @param message SwapCommit message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.SwapCommit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SwapCommit message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.SwapCommit & warren.wire.v1.SwapCommit.$Shape} SwapCommit
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.SwapCommit & warren.wire.v1.SwapCommit.$Shape;
            }

            namespace SwapCommit {

                /** Properties of a SwapCommit. */
                interface $Properties {

                    /** Exactly 32 bytes. */
                    commitment?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SwapCommit. */
                type $Shape = warren.wire.v1.SwapCommit.$Properties;
            }

            /**
             * Properties of a SwapReveal.
             * @deprecated Use warren.wire.v1.SwapReveal.$Properties instead.
             */
            interface ISwapReveal extends warren.wire.v1.SwapReveal.$Properties {
            }

            /**
             * One end's offer, sent once it holds the other end's commitment: the initiator's first, then the
             * responder's. Each MUST match the commitment its sender made (spec/routing.md §11.2).
             */
            class SwapReveal {

                /**
                 * Constructs a new SwapReveal.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.SwapReveal.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** The sender's random contribution to the coin: exactly 32 bytes. */
                nonce: Uint8Array;

                /** The sender's ring location: in [0, 1). */
                location: number;

                /** The ring locations of the sender's links, each in [0, 1): at most 128. */
                neighbourLocations: number[];

                /**
                 * Creates a new SwapReveal instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SwapReveal instance
                 */
                static create(properties: warren.wire.v1.SwapReveal.$Shape): warren.wire.v1.SwapReveal & warren.wire.v1.SwapReveal.$Shape;
                static create(properties?: warren.wire.v1.SwapReveal.$Properties): warren.wire.v1.SwapReveal;

                /**
                 * Encodes the specified SwapReveal message. Does not implicitly {@link warren.wire.v1.SwapReveal.verify|verify} messages.
                 * @param message SwapReveal message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.SwapReveal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SwapReveal message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.SwapReveal & warren.wire.v1.SwapReveal.$Shape} SwapReveal
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.SwapReveal & warren.wire.v1.SwapReveal.$Shape;
            }

            namespace SwapReveal {

                /** Properties of a SwapReveal. */
                interface $Properties {

                    /** The sender's random contribution to the coin: exactly 32 bytes. */
                    nonce?: (Uint8Array|null);

                    /** The sender's ring location: in [0, 1). */
                    location?: (number|null);

                    /** The ring locations of the sender's links, each in [0, 1): at most 128. */
                    neighbourLocations?: (number[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SwapReveal. */
                type $Shape = warren.wire.v1.SwapReveal.$Properties;
            }

            /**
             * Properties of a SwapRejected.
             * @deprecated Use warren.wire.v1.SwapRejected.$Properties instead.
             */
            interface ISwapRejected extends warren.wire.v1.SwapRejected.$Properties {
            }

            /**
             * The swap walk ended without a swap: a node on it refused it (its sender's walk budget spent, a
             * swap of its own in progress, a loop), an end's reveal did not match its commitment, or a node that
             * does not swap declined it (not_swapping).
             */
            class SwapRejected {

                /**
                 * Constructs a new SwapRejected.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.SwapRejected.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /**
                 * True: the sender takes part in no swap (an opennet or mixed node, whose location its identity
                 * fixes; spec/routing.md §11.6), so no walk should go to it again. Set only by the node that
                 * declines; a relay passing a rejection on leaves it unset.
                 */
                notSwapping: boolean;

                /**
                 * Creates a new SwapRejected instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns SwapRejected instance
                 */
                static create(properties: warren.wire.v1.SwapRejected.$Shape): warren.wire.v1.SwapRejected & warren.wire.v1.SwapRejected.$Shape;
                static create(properties?: warren.wire.v1.SwapRejected.$Properties): warren.wire.v1.SwapRejected;

                /**
                 * Encodes the specified SwapRejected message. Does not implicitly {@link warren.wire.v1.SwapRejected.verify|verify} messages.
                 * @param message SwapRejected message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.SwapRejected.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a SwapRejected message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.SwapRejected & warren.wire.v1.SwapRejected.$Shape} SwapRejected
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.SwapRejected & warren.wire.v1.SwapRejected.$Shape;
            }

            namespace SwapRejected {

                /** Properties of a SwapRejected. */
                interface $Properties {

                    /**
                     * True: the sender takes part in no swap (an opennet or mixed node, whose location its identity
                     * fixes; spec/routing.md §11.6), so no walk should go to it again. Set only by the node that
                     * declines; a relay passing a rejection on leaves it unset.
                     */
                    notSwapping?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a SwapRejected. */
                type $Shape = warren.wire.v1.SwapRejected.$Properties;
            }

            /**
             * Properties of a LocationUpdate.
             * @deprecated Use warren.wire.v1.LocationUpdate.$Properties instead.
             */
            interface ILocationUpdate extends warren.wire.v1.LocationUpdate.$Properties {
            }

            /**
             * A darknet node's ring location, sent to each link when it comes up and after every swap. A
             * node that does not swap takes it only from a friend (a mixed node, spec/routing.md §11.6), and
             * keeps for any other peer the location the peer's proof gives.
             */
            class LocationUpdate {

                /**
                 * Constructs a new LocationUpdate.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: warren.wire.v1.LocationUpdate.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** In [0, 1). */
                location: number;

                /**
                 * Creates a new LocationUpdate instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns LocationUpdate instance
                 */
                static create(properties: warren.wire.v1.LocationUpdate.$Shape): warren.wire.v1.LocationUpdate & warren.wire.v1.LocationUpdate.$Shape;
                static create(properties?: warren.wire.v1.LocationUpdate.$Properties): warren.wire.v1.LocationUpdate;

                /**
                 * Encodes the specified LocationUpdate message. Does not implicitly {@link warren.wire.v1.LocationUpdate.verify|verify} messages.
                 * @param message LocationUpdate message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: warren.wire.v1.LocationUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a LocationUpdate message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {warren.wire.v1.LocationUpdate & warren.wire.v1.LocationUpdate.$Shape} LocationUpdate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): warren.wire.v1.LocationUpdate & warren.wire.v1.LocationUpdate.$Shape;
            }

            namespace LocationUpdate {

                /** Properties of a LocationUpdate. */
                interface $Properties {

                    /** In [0, 1). */
                    location?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a LocationUpdate. */
                type $Shape = warren.wire.v1.LocationUpdate.$Properties;
            }
        }
    }
}
