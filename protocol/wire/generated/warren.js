/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["warren_wire_v1"] || ($protobuf.roots["warren_wire_v1"] = {});

export const warren = $root.warren = (() => {

    /**
     * Namespace warren.
     * @exports warren
     * @namespace
     */
    const warren = {};

    warren.wire = (function() {

        /**
         * Namespace wire.
         * @memberof warren
         * @namespace
         */
        const wire = {};

        wire.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof warren.wire
             * @namespace
             */
            const v1 = {};

            v1.Envelope = (function() {

                /**
                 * Properties of an Envelope.
                 * @typedef {Object} warren.wire.v1.Envelope.$Properties
                 * @property {number|null} [version] Wire format version; MUST be 1. A receiver drops the link on any other value.
                 * @property {Long|null} [tx] Transaction id: 64 uniformly random bits chosen by the node that starts the transaction.
                 * Relays forward a request with the same tx (that is how loops are detected) and every
                 * reply carries the tx of the message it answers. It encodes nothing about any node.
                 * @property {warren.wire.v1.Hello.$Properties|null} [hello] Envelope hello
                 * @property {warren.wire.v1.DataRequest.$Properties|null} [dataRequest] Envelope dataRequest
                 * @property {warren.wire.v1.DataFound.$Properties|null} [dataFound] Envelope dataFound
                 * @property {warren.wire.v1.DataNotFound.$Properties|null} [dataNotFound] Envelope dataNotFound
                 * @property {warren.wire.v1.RouteNotFound.$Properties|null} [routeNotFound] Envelope routeNotFound
                 * @property {warren.wire.v1.RejectedLoop.$Properties|null} [rejectedLoop] Envelope rejectedLoop
                 * @property {warren.wire.v1.RejectedOverload.$Properties|null} [rejectedOverload] Envelope rejectedOverload
                 * @property {warren.wire.v1.InsertRequest.$Properties|null} [insertRequest] Envelope insertRequest
                 * @property {warren.wire.v1.InsertReply.$Properties|null} [insertReply] Envelope insertReply
                 * @property {warren.wire.v1.Announce.$Properties|null} [announce] Envelope announce
                 * @property {warren.wire.v1.PeerOffer.$Properties|null} [peerOffer] Envelope peerOffer
                 * @property {warren.wire.v1.Ping.$Properties|null} [ping] Envelope ping
                 * @property {warren.wire.v1.Pong.$Properties|null} [pong] Envelope pong
                 * @property {warren.wire.v1.InsertAccepted.$Properties|null} [insertAccepted] Envelope insertAccepted
                 * @property {warren.wire.v1.InsertData.$Properties|null} [insertData] Envelope insertData
                 * @property {warren.wire.v1.RequestAccepted.$Properties|null} [requestAccepted] Envelope requestAccepted
                 * @property {warren.wire.v1.SwapRequest.$Properties|null} [swapRequest] Envelope swapRequest
                 * @property {warren.wire.v1.SwapCommit.$Properties|null} [swapCommit] Envelope swapCommit
                 * @property {warren.wire.v1.SwapReveal.$Properties|null} [swapReveal] Envelope swapReveal
                 * @property {warren.wire.v1.SwapRejected.$Properties|null} [swapRejected] Envelope swapRejected
                 * @property {warren.wire.v1.LocationUpdate.$Properties|null} [locationUpdate] Envelope locationUpdate
                 * @property {"hello"|"dataRequest"|"dataFound"|"dataNotFound"|"routeNotFound"|"rejectedLoop"|"rejectedOverload"|"insertRequest"|"insertReply"|"announce"|"peerOffer"|"ping"|"pong"|"insertAccepted"|"insertData"|"requestAccepted"|"swapRequest"|"swapCommit"|"swapReveal"|"swapRejected"|"locationUpdate"} [body] Exactly one body MUST be present.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Envelope.
                 * @memberof warren.wire.v1
                 * @interface IEnvelope
                 * @augments warren.wire.v1.Envelope.$Properties
                 * @deprecated Use warren.wire.v1.Envelope.$Properties instead.
                 */

                /**
                 * Narrowed shape of an Envelope.
                 * @typedef {{
                 *   version?: number|null;
                 *   tx?: Long|null;
                 *   hello?: warren.wire.v1.Hello.$Shape|null;
                 *   dataRequest?: warren.wire.v1.DataRequest.$Shape|null;
                 *   dataFound?: warren.wire.v1.DataFound.$Shape|null;
                 *   dataNotFound?: warren.wire.v1.DataNotFound.$Shape|null;
                 *   routeNotFound?: warren.wire.v1.RouteNotFound.$Shape|null;
                 *   rejectedLoop?: warren.wire.v1.RejectedLoop.$Shape|null;
                 *   rejectedOverload?: warren.wire.v1.RejectedOverload.$Shape|null;
                 *   insertRequest?: warren.wire.v1.InsertRequest.$Shape|null;
                 *   insertReply?: warren.wire.v1.InsertReply.$Shape|null;
                 *   announce?: warren.wire.v1.Announce.$Shape|null;
                 *   peerOffer?: warren.wire.v1.PeerOffer.$Shape|null;
                 *   ping?: warren.wire.v1.Ping.$Shape|null;
                 *   pong?: warren.wire.v1.Pong.$Shape|null;
                 *   insertAccepted?: warren.wire.v1.InsertAccepted.$Shape|null;
                 *   insertData?: warren.wire.v1.InsertData.$Shape|null;
                 *   requestAccepted?: warren.wire.v1.RequestAccepted.$Shape|null;
                 *   swapRequest?: warren.wire.v1.SwapRequest.$Shape|null;
                 *   swapCommit?: warren.wire.v1.SwapCommit.$Shape|null;
                 *   swapReveal?: warren.wire.v1.SwapReveal.$Shape|null;
                 *   swapRejected?: warren.wire.v1.SwapRejected.$Shape|null;
                 *   locationUpdate?: warren.wire.v1.LocationUpdate.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ body?: undefined; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "hello"; hello: warren.wire.v1.Hello.$Shape; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "dataRequest"; hello?: null; dataRequest: warren.wire.v1.DataRequest.$Shape; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "dataFound"; hello?: null; dataRequest?: null; dataFound: warren.wire.v1.DataFound.$Shape; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "dataNotFound"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound: warren.wire.v1.DataNotFound.$Shape; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "routeNotFound"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound: warren.wire.v1.RouteNotFound.$Shape; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "rejectedLoop"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop: warren.wire.v1.RejectedLoop.$Shape; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "rejectedOverload"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload: warren.wire.v1.RejectedOverload.$Shape; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "insertRequest"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest: warren.wire.v1.InsertRequest.$Shape; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "insertReply"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply: warren.wire.v1.InsertReply.$Shape; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "announce"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce: warren.wire.v1.Announce.$Shape; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "peerOffer"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer: warren.wire.v1.PeerOffer.$Shape; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "ping"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping: warren.wire.v1.Ping.$Shape; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "pong"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong: warren.wire.v1.Pong.$Shape; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "insertAccepted"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted: warren.wire.v1.InsertAccepted.$Shape; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "insertData"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData: warren.wire.v1.InsertData.$Shape; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "requestAccepted"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted: warren.wire.v1.RequestAccepted.$Shape; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "swapRequest"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest: warren.wire.v1.SwapRequest.$Shape; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "swapCommit"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit: warren.wire.v1.SwapCommit.$Shape; swapReveal?: null; swapRejected?: null; locationUpdate?: null }|{ body?: "swapReveal"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal: warren.wire.v1.SwapReveal.$Shape; swapRejected?: null; locationUpdate?: null }|{ body?: "swapRejected"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected: warren.wire.v1.SwapRejected.$Shape; locationUpdate?: null }|{ body?: "locationUpdate"; hello?: null; dataRequest?: null; dataFound?: null; dataNotFound?: null; routeNotFound?: null; rejectedLoop?: null; rejectedOverload?: null; insertRequest?: null; insertReply?: null; announce?: null; peerOffer?: null; ping?: null; pong?: null; insertAccepted?: null; insertData?: null; requestAccepted?: null; swapRequest?: null; swapCommit?: null; swapReveal?: null; swapRejected?: null; locationUpdate: warren.wire.v1.LocationUpdate.$Shape })
                 * )} warren.wire.v1.Envelope.$Shape
                 */

                /**
                 * Constructs a new Envelope.
                 * @memberof warren.wire.v1
                 * @classdesc The one top-level message on a link.
                 * @constructor
                 * @param {warren.wire.v1.Envelope.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Envelope = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Wire format version; MUST be 1. A receiver drops the link on any other value.
                 * @member {number} version
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.version = 0;

                /**
                 * Transaction id: 64 uniformly random bits chosen by the node that starts the transaction.
                 * Relays forward a request with the same tx (that is how loops are detected) and every
                 * reply carries the tx of the message it answers. It encodes nothing about any node.
                 * @member {Long} tx
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.tx = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Envelope hello.
                 * @member {warren.wire.v1.Hello.$Properties|null|undefined} hello
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.hello = null;

                /**
                 * Envelope dataRequest.
                 * @member {warren.wire.v1.DataRequest.$Properties|null|undefined} dataRequest
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.dataRequest = null;

                /**
                 * Envelope dataFound.
                 * @member {warren.wire.v1.DataFound.$Properties|null|undefined} dataFound
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.dataFound = null;

                /**
                 * Envelope dataNotFound.
                 * @member {warren.wire.v1.DataNotFound.$Properties|null|undefined} dataNotFound
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.dataNotFound = null;

                /**
                 * Envelope routeNotFound.
                 * @member {warren.wire.v1.RouteNotFound.$Properties|null|undefined} routeNotFound
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.routeNotFound = null;

                /**
                 * Envelope rejectedLoop.
                 * @member {warren.wire.v1.RejectedLoop.$Properties|null|undefined} rejectedLoop
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.rejectedLoop = null;

                /**
                 * Envelope rejectedOverload.
                 * @member {warren.wire.v1.RejectedOverload.$Properties|null|undefined} rejectedOverload
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.rejectedOverload = null;

                /**
                 * Envelope insertRequest.
                 * @member {warren.wire.v1.InsertRequest.$Properties|null|undefined} insertRequest
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.insertRequest = null;

                /**
                 * Envelope insertReply.
                 * @member {warren.wire.v1.InsertReply.$Properties|null|undefined} insertReply
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.insertReply = null;

                /**
                 * Envelope announce.
                 * @member {warren.wire.v1.Announce.$Properties|null|undefined} announce
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.announce = null;

                /**
                 * Envelope peerOffer.
                 * @member {warren.wire.v1.PeerOffer.$Properties|null|undefined} peerOffer
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.peerOffer = null;

                /**
                 * Envelope ping.
                 * @member {warren.wire.v1.Ping.$Properties|null|undefined} ping
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.ping = null;

                /**
                 * Envelope pong.
                 * @member {warren.wire.v1.Pong.$Properties|null|undefined} pong
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.pong = null;

                /**
                 * Envelope insertAccepted.
                 * @member {warren.wire.v1.InsertAccepted.$Properties|null|undefined} insertAccepted
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.insertAccepted = null;

                /**
                 * Envelope insertData.
                 * @member {warren.wire.v1.InsertData.$Properties|null|undefined} insertData
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.insertData = null;

                /**
                 * Envelope requestAccepted.
                 * @member {warren.wire.v1.RequestAccepted.$Properties|null|undefined} requestAccepted
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.requestAccepted = null;

                /**
                 * Envelope swapRequest.
                 * @member {warren.wire.v1.SwapRequest.$Properties|null|undefined} swapRequest
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.swapRequest = null;

                /**
                 * Envelope swapCommit.
                 * @member {warren.wire.v1.SwapCommit.$Properties|null|undefined} swapCommit
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.swapCommit = null;

                /**
                 * Envelope swapReveal.
                 * @member {warren.wire.v1.SwapReveal.$Properties|null|undefined} swapReveal
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.swapReveal = null;

                /**
                 * Envelope swapRejected.
                 * @member {warren.wire.v1.SwapRejected.$Properties|null|undefined} swapRejected
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.swapRejected = null;

                /**
                 * Envelope locationUpdate.
                 * @member {warren.wire.v1.LocationUpdate.$Properties|null|undefined} locationUpdate
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                Envelope.prototype.locationUpdate = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * Exactly one body MUST be present.
                 * @member {"hello"|"dataRequest"|"dataFound"|"dataNotFound"|"routeNotFound"|"rejectedLoop"|"rejectedOverload"|"insertRequest"|"insertReply"|"announce"|"peerOffer"|"ping"|"pong"|"insertAccepted"|"insertData"|"requestAccepted"|"swapRequest"|"swapCommit"|"swapReveal"|"swapRejected"|"locationUpdate"|undefined} body
                 * @memberof warren.wire.v1.Envelope
                 * @instance
                 */
                $Object.defineProperty(Envelope.prototype, "body", {
                    get: $util.oneOfGetter($oneOfFields = ["hello", "dataRequest", "dataFound", "dataNotFound", "routeNotFound", "rejectedLoop", "rejectedOverload", "insertRequest", "insertReply", "announce", "peerOffer", "ping", "pong", "insertAccepted", "insertData", "requestAccepted", "swapRequest", "swapCommit", "swapReveal", "swapRejected", "locationUpdate"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new Envelope instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.Envelope
                 * @static
                 * @param {warren.wire.v1.Envelope.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.Envelope} Envelope instance
                 * @type {{
                 *   (properties: warren.wire.v1.Envelope.$Shape): warren.wire.v1.Envelope & warren.wire.v1.Envelope.$Shape;
                 *   (properties?: warren.wire.v1.Envelope.$Properties): warren.wire.v1.Envelope;
                 * }}
                 */
                Envelope.create = function(properties) {
                    return new Envelope(properties);
                };

                /**
                 * Encodes the specified Envelope message. Does not implicitly {@link warren.wire.v1.Envelope.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.Envelope
                 * @static
                 * @param {warren.wire.v1.Envelope.$Properties} message Envelope message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Envelope.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                    if (message.tx != null && $Object.hasOwnProperty.call(message, "tx") && (typeof message.tx === "object" ? message.tx.low || message.tx.high : message.tx !== 0))
                        writer.uint32(/* id 2, wireType 1 =*/17).fixed64(message.tx);
                    if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                        $root.warren.wire.v1.Hello.encode(message.hello, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.dataRequest != null && $Object.hasOwnProperty.call(message, "dataRequest"))
                        $root.warren.wire.v1.DataRequest.encode(message.dataRequest, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.dataFound != null && $Object.hasOwnProperty.call(message, "dataFound"))
                        $root.warren.wire.v1.DataFound.encode(message.dataFound, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.dataNotFound != null && $Object.hasOwnProperty.call(message, "dataNotFound"))
                        $root.warren.wire.v1.DataNotFound.encode(message.dataNotFound, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                    if (message.routeNotFound != null && $Object.hasOwnProperty.call(message, "routeNotFound"))
                        $root.warren.wire.v1.RouteNotFound.encode(message.routeNotFound, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                    if (message.rejectedLoop != null && $Object.hasOwnProperty.call(message, "rejectedLoop"))
                        $root.warren.wire.v1.RejectedLoop.encode(message.rejectedLoop, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                    if (message.rejectedOverload != null && $Object.hasOwnProperty.call(message, "rejectedOverload"))
                        $root.warren.wire.v1.RejectedOverload.encode(message.rejectedOverload, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                    if (message.insertRequest != null && $Object.hasOwnProperty.call(message, "insertRequest"))
                        $root.warren.wire.v1.InsertRequest.encode(message.insertRequest, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                    if (message.insertReply != null && $Object.hasOwnProperty.call(message, "insertReply"))
                        $root.warren.wire.v1.InsertReply.encode(message.insertReply, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                    if (message.announce != null && $Object.hasOwnProperty.call(message, "announce"))
                        $root.warren.wire.v1.Announce.encode(message.announce, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                    if (message.peerOffer != null && $Object.hasOwnProperty.call(message, "peerOffer"))
                        $root.warren.wire.v1.PeerOffer.encode(message.peerOffer, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                    if (message.ping != null && $Object.hasOwnProperty.call(message, "ping"))
                        $root.warren.wire.v1.Ping.encode(message.ping, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                    if (message.pong != null && $Object.hasOwnProperty.call(message, "pong"))
                        $root.warren.wire.v1.Pong.encode(message.pong, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
                    if (message.insertAccepted != null && $Object.hasOwnProperty.call(message, "insertAccepted"))
                        $root.warren.wire.v1.InsertAccepted.encode(message.insertAccepted, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
                    if (message.insertData != null && $Object.hasOwnProperty.call(message, "insertData"))
                        $root.warren.wire.v1.InsertData.encode(message.insertData, writer.uint32(/* id 17, wireType 2 =*/138).fork(), _depth + 1).ldelim();
                    if (message.requestAccepted != null && $Object.hasOwnProperty.call(message, "requestAccepted"))
                        $root.warren.wire.v1.RequestAccepted.encode(message.requestAccepted, writer.uint32(/* id 18, wireType 2 =*/146).fork(), _depth + 1).ldelim();
                    if (message.swapRequest != null && $Object.hasOwnProperty.call(message, "swapRequest"))
                        $root.warren.wire.v1.SwapRequest.encode(message.swapRequest, writer.uint32(/* id 19, wireType 2 =*/154).fork(), _depth + 1).ldelim();
                    if (message.swapCommit != null && $Object.hasOwnProperty.call(message, "swapCommit"))
                        $root.warren.wire.v1.SwapCommit.encode(message.swapCommit, writer.uint32(/* id 20, wireType 2 =*/162).fork(), _depth + 1).ldelim();
                    if (message.swapReveal != null && $Object.hasOwnProperty.call(message, "swapReveal"))
                        $root.warren.wire.v1.SwapReveal.encode(message.swapReveal, writer.uint32(/* id 21, wireType 2 =*/170).fork(), _depth + 1).ldelim();
                    if (message.swapRejected != null && $Object.hasOwnProperty.call(message, "swapRejected"))
                        $root.warren.wire.v1.SwapRejected.encode(message.swapRejected, writer.uint32(/* id 22, wireType 2 =*/178).fork(), _depth + 1).ldelim();
                    if (message.locationUpdate != null && $Object.hasOwnProperty.call(message, "locationUpdate"))
                        $root.warren.wire.v1.LocationUpdate.encode(message.locationUpdate, writer.uint32(/* id 23, wireType 2 =*/186).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Envelope message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.Envelope
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Envelope & warren.wire.v1.Envelope.$Shape} Envelope
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Envelope.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.Envelope();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.version = value;
                                else
                                    delete message.version;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 1)
                                    break;
                                if (typeof (value = reader.fixed64()) === "object" ? value.low || value.high : value !== 0)
                                    message.tx = value;
                                else
                                    delete message.tx;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.hello = $root.warren.wire.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                                message.body = "hello";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.dataRequest = $root.warren.wire.v1.DataRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.dataRequest);
                                message.body = "dataRequest";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.dataFound = $root.warren.wire.v1.DataFound.decode(reader, reader.size(), $undefined, _depth + 1, message.dataFound);
                                message.body = "dataFound";
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                message.dataNotFound = $root.warren.wire.v1.DataNotFound.decode(reader, reader.size(), $undefined, _depth + 1, message.dataNotFound);
                                message.body = "dataNotFound";
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                message.routeNotFound = $root.warren.wire.v1.RouteNotFound.decode(reader, reader.size(), $undefined, _depth + 1, message.routeNotFound);
                                message.body = "routeNotFound";
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                message.rejectedLoop = $root.warren.wire.v1.RejectedLoop.decode(reader, reader.size(), $undefined, _depth + 1, message.rejectedLoop);
                                message.body = "rejectedLoop";
                                continue;
                            }
                        case 9: {
                                if (wireType !== 2)
                                    break;
                                message.rejectedOverload = $root.warren.wire.v1.RejectedOverload.decode(reader, reader.size(), $undefined, _depth + 1, message.rejectedOverload);
                                message.body = "rejectedOverload";
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                message.insertRequest = $root.warren.wire.v1.InsertRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.insertRequest);
                                message.body = "insertRequest";
                                continue;
                            }
                        case 11: {
                                if (wireType !== 2)
                                    break;
                                message.insertReply = $root.warren.wire.v1.InsertReply.decode(reader, reader.size(), $undefined, _depth + 1, message.insertReply);
                                message.body = "insertReply";
                                continue;
                            }
                        case 12: {
                                if (wireType !== 2)
                                    break;
                                message.announce = $root.warren.wire.v1.Announce.decode(reader, reader.size(), $undefined, _depth + 1, message.announce);
                                message.body = "announce";
                                continue;
                            }
                        case 13: {
                                if (wireType !== 2)
                                    break;
                                message.peerOffer = $root.warren.wire.v1.PeerOffer.decode(reader, reader.size(), $undefined, _depth + 1, message.peerOffer);
                                message.body = "peerOffer";
                                continue;
                            }
                        case 14: {
                                if (wireType !== 2)
                                    break;
                                message.ping = $root.warren.wire.v1.Ping.decode(reader, reader.size(), $undefined, _depth + 1, message.ping);
                                message.body = "ping";
                                continue;
                            }
                        case 15: {
                                if (wireType !== 2)
                                    break;
                                message.pong = $root.warren.wire.v1.Pong.decode(reader, reader.size(), $undefined, _depth + 1, message.pong);
                                message.body = "pong";
                                continue;
                            }
                        case 16: {
                                if (wireType !== 2)
                                    break;
                                message.insertAccepted = $root.warren.wire.v1.InsertAccepted.decode(reader, reader.size(), $undefined, _depth + 1, message.insertAccepted);
                                message.body = "insertAccepted";
                                continue;
                            }
                        case 17: {
                                if (wireType !== 2)
                                    break;
                                message.insertData = $root.warren.wire.v1.InsertData.decode(reader, reader.size(), $undefined, _depth + 1, message.insertData);
                                message.body = "insertData";
                                continue;
                            }
                        case 18: {
                                if (wireType !== 2)
                                    break;
                                message.requestAccepted = $root.warren.wire.v1.RequestAccepted.decode(reader, reader.size(), $undefined, _depth + 1, message.requestAccepted);
                                message.body = "requestAccepted";
                                continue;
                            }
                        case 19: {
                                if (wireType !== 2)
                                    break;
                                message.swapRequest = $root.warren.wire.v1.SwapRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.swapRequest);
                                message.body = "swapRequest";
                                continue;
                            }
                        case 20: {
                                if (wireType !== 2)
                                    break;
                                message.swapCommit = $root.warren.wire.v1.SwapCommit.decode(reader, reader.size(), $undefined, _depth + 1, message.swapCommit);
                                message.body = "swapCommit";
                                continue;
                            }
                        case 21: {
                                if (wireType !== 2)
                                    break;
                                message.swapReveal = $root.warren.wire.v1.SwapReveal.decode(reader, reader.size(), $undefined, _depth + 1, message.swapReveal);
                                message.body = "swapReveal";
                                continue;
                            }
                        case 22: {
                                if (wireType !== 2)
                                    break;
                                message.swapRejected = $root.warren.wire.v1.SwapRejected.decode(reader, reader.size(), $undefined, _depth + 1, message.swapRejected);
                                message.body = "swapRejected";
                                continue;
                            }
                        case 23: {
                                if (wireType !== 2)
                                    break;
                                message.locationUpdate = $root.warren.wire.v1.LocationUpdate.decode(reader, reader.size(), $undefined, _depth + 1, message.locationUpdate);
                                message.body = "locationUpdate";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return Envelope;
            })();

            v1.NodeRef = (function() {

                /**
                 * Properties of a NodeRef.
                 * @typedef {Object} warren.wire.v1.NodeRef.$Properties
                 * @property {Uint8Array|null} [publicKey] Ed25519 public key of the node: exactly 32 bytes.
                 * @property {Uint8Array|null} [powNonce] Proof-of-work nonce: exactly 8 bytes, such that the identity hash of public_key and
                 * pow_nonce has the network's required number of leading zero bits.
                 * @property {Array.<string>|null} [addresses] Multiaddr strings the node listens on, e.g. "/ip4/192.0.2.7/tcp/9301": at most 8, each
                 * 1..256 printable ASCII characters starting with "/". May be empty (not reachable).
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a NodeRef.
                 * @memberof warren.wire.v1
                 * @interface INodeRef
                 * @augments warren.wire.v1.NodeRef.$Properties
                 * @deprecated Use warren.wire.v1.NodeRef.$Properties instead.
                 */

                /**
                 * Shape of a NodeRef.
                 * @typedef {warren.wire.v1.NodeRef.$Properties} warren.wire.v1.NodeRef.$Shape
                 */

                /**
                 * Constructs a new NodeRef.
                 * @memberof warren.wire.v1
                 * @classdesc A node's identity proof plus where to reach it. Its ring location is derived from the proof
                 * (spec/identity.md), never sent.
                 * @constructor
                 * @param {warren.wire.v1.NodeRef.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const NodeRef = function (properties) {
                    this.addresses = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Ed25519 public key of the node: exactly 32 bytes.
                 * @member {Uint8Array} publicKey
                 * @memberof warren.wire.v1.NodeRef
                 * @instance
                 */
                NodeRef.prototype.publicKey = $util.newBuffer([]);

                /**
                 * Proof-of-work nonce: exactly 8 bytes, such that the identity hash of public_key and
                 * pow_nonce has the network's required number of leading zero bits.
                 * @member {Uint8Array} powNonce
                 * @memberof warren.wire.v1.NodeRef
                 * @instance
                 */
                NodeRef.prototype.powNonce = $util.newBuffer([]);

                /**
                 * Multiaddr strings the node listens on, e.g. "/ip4/192.0.2.7/tcp/9301": at most 8, each
                 * 1..256 printable ASCII characters starting with "/". May be empty (not reachable).
                 * @member {Array.<string>} addresses
                 * @memberof warren.wire.v1.NodeRef
                 * @instance
                 */
                NodeRef.prototype.addresses = $util.emptyArray;

                /**
                 * Creates a new NodeRef instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.NodeRef
                 * @static
                 * @param {warren.wire.v1.NodeRef.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.NodeRef} NodeRef instance
                 * @type {{
                 *   (properties: warren.wire.v1.NodeRef.$Shape): warren.wire.v1.NodeRef & warren.wire.v1.NodeRef.$Shape;
                 *   (properties?: warren.wire.v1.NodeRef.$Properties): warren.wire.v1.NodeRef;
                 * }}
                 */
                NodeRef.create = function(properties) {
                    return new NodeRef(properties);
                };

                /**
                 * Encodes the specified NodeRef message. Does not implicitly {@link warren.wire.v1.NodeRef.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.NodeRef
                 * @static
                 * @param {warren.wire.v1.NodeRef.$Properties} message NodeRef message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                NodeRef.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.publicKey != null && $Object.hasOwnProperty.call(message, "publicKey") && message.publicKey.length)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.publicKey);
                    if (message.powNonce != null && $Object.hasOwnProperty.call(message, "powNonce") && message.powNonce.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.powNonce);
                    if (message.addresses != null && message.addresses.length)
                        for (let i = 0; i < message.addresses.length; ++i)
                            writer.uint32(/* id 3, wireType 2 =*/26).string(message.addresses[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a NodeRef message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.NodeRef
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.NodeRef & warren.wire.v1.NodeRef.$Shape} NodeRef
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                NodeRef.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.NodeRef();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.publicKey = value;
                                else
                                    delete message.publicKey;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.powNonce = value;
                                else
                                    delete message.powNonce;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.addresses && message.addresses.length))
                                    message.addresses = [];
                                message.addresses.push(reader.stringVerify());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return NodeRef;
            })();

            /**
             * Which kind of key a routing key belongs to; tells a relay how to verify the block.
             * @name warren.wire.v1.KeyType
             * @enum {number}
             * @property {number} KEY_TYPE_UNSPECIFIED=0 Never valid on the wire.
             * @property {number} KEY_TYPE_CHK=1 Content hash key: routing key = hash of the block.
             * @property {number} KEY_TYPE_SSK=2 Signed subspace key: the block carries a public key and signature matching the routing key.
             */
            v1.KeyType = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "KEY_TYPE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "KEY_TYPE_CHK"] = 1;
                values[valuesById[2] = "KEY_TYPE_SSK"] = 2;
                return values;
            })();

            v1.Hello = (function() {

                /**
                 * Properties of a Hello.
                 * @typedef {Object} warren.wire.v1.Hello.$Properties
                 * @property {warren.wire.v1.NodeRef.$Properties|null} [node] The sender's own identity and addresses.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Hello.
                 * @memberof warren.wire.v1
                 * @interface IHello
                 * @augments warren.wire.v1.Hello.$Properties
                 * @deprecated Use warren.wire.v1.Hello.$Properties instead.
                 */

                /**
                 * Shape of a Hello.
                 * @typedef {warren.wire.v1.Hello.$Properties} warren.wire.v1.Hello.$Shape
                 */

                /**
                 * Constructs a new Hello.
                 * @memberof warren.wire.v1
                 * @classdesc The identity proof each side sends first on a link, before any other message.
                 * @constructor
                 * @param {warren.wire.v1.Hello.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Hello = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * The sender's own identity and addresses.
                 * @member {warren.wire.v1.NodeRef.$Properties|null|undefined} node
                 * @memberof warren.wire.v1.Hello
                 * @instance
                 */
                Hello.prototype.node = null;

                /**
                 * Creates a new Hello instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.Hello
                 * @static
                 * @param {warren.wire.v1.Hello.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.Hello} Hello instance
                 * @type {{
                 *   (properties: warren.wire.v1.Hello.$Shape): warren.wire.v1.Hello & warren.wire.v1.Hello.$Shape;
                 *   (properties?: warren.wire.v1.Hello.$Properties): warren.wire.v1.Hello;
                 * }}
                 */
                Hello.create = function(properties) {
                    return new Hello(properties);
                };

                /**
                 * Encodes the specified Hello message. Does not implicitly {@link warren.wire.v1.Hello.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.Hello
                 * @static
                 * @param {warren.wire.v1.Hello.$Properties} message Hello message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Hello.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.node != null && $Object.hasOwnProperty.call(message, "node"))
                        $root.warren.wire.v1.NodeRef.encode(message.node, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Hello message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.Hello
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Hello & warren.wire.v1.Hello.$Shape} Hello
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Hello.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.Hello();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.node = $root.warren.wire.v1.NodeRef.decode(reader, reader.size(), $undefined, _depth + 1, message.node);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return Hello;
            })();

            v1.DataRequest = (function() {

                /**
                 * Properties of a DataRequest.
                 * @typedef {Object} warren.wire.v1.DataRequest.$Properties
                 * @property {warren.wire.v1.KeyType|null} [keyType] Kind of key requested; MUST NOT be KEY_TYPE_UNSPECIFIED.
                 * @property {Uint8Array|null} [routingKey] Routing key of the block: exactly 32 bytes. Determines the key's ring location.
                 * @property {number|null} [htl] Hops to live left for this request: 1..18.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DataRequest.
                 * @memberof warren.wire.v1
                 * @interface IDataRequest
                 * @augments warren.wire.v1.DataRequest.$Properties
                 * @deprecated Use warren.wire.v1.DataRequest.$Properties instead.
                 */

                /**
                 * Shape of a DataRequest.
                 * @typedef {warren.wire.v1.DataRequest.$Properties} warren.wire.v1.DataRequest.$Shape
                 */

                /**
                 * Constructs a new DataRequest.
                 * @memberof warren.wire.v1
                 * @classdesc Ask for the block stored under a routing key.
                 * @constructor
                 * @param {warren.wire.v1.DataRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DataRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Kind of key requested; MUST NOT be KEY_TYPE_UNSPECIFIED.
                 * @member {warren.wire.v1.KeyType} keyType
                 * @memberof warren.wire.v1.DataRequest
                 * @instance
                 */
                DataRequest.prototype.keyType = 0;

                /**
                 * Routing key of the block: exactly 32 bytes. Determines the key's ring location.
                 * @member {Uint8Array} routingKey
                 * @memberof warren.wire.v1.DataRequest
                 * @instance
                 */
                DataRequest.prototype.routingKey = $util.newBuffer([]);

                /**
                 * Hops to live left for this request: 1..18.
                 * @member {number} htl
                 * @memberof warren.wire.v1.DataRequest
                 * @instance
                 */
                DataRequest.prototype.htl = 0;

                /**
                 * Creates a new DataRequest instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.DataRequest
                 * @static
                 * @param {warren.wire.v1.DataRequest.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.DataRequest} DataRequest instance
                 * @type {{
                 *   (properties: warren.wire.v1.DataRequest.$Shape): warren.wire.v1.DataRequest & warren.wire.v1.DataRequest.$Shape;
                 *   (properties?: warren.wire.v1.DataRequest.$Properties): warren.wire.v1.DataRequest;
                 * }}
                 */
                DataRequest.create = function(properties) {
                    return new DataRequest(properties);
                };

                /**
                 * Encodes the specified DataRequest message. Does not implicitly {@link warren.wire.v1.DataRequest.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.DataRequest
                 * @static
                 * @param {warren.wire.v1.DataRequest.$Properties} message DataRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DataRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.keyType != null && $Object.hasOwnProperty.call(message, "keyType") && message.keyType !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.keyType);
                    if (message.routingKey != null && $Object.hasOwnProperty.call(message, "routingKey") && message.routingKey.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.routingKey);
                    if (message.htl != null && $Object.hasOwnProperty.call(message, "htl") && message.htl !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.htl);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DataRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.DataRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.DataRequest & warren.wire.v1.DataRequest.$Shape} DataRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DataRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.DataRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.keyType = value;
                                else
                                    delete message.keyType;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.routingKey = value;
                                else
                                    delete message.routingKey;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.htl = value;
                                else
                                    delete message.htl;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return DataRequest;
            })();

            v1.RequestAccepted = (function() {

                /**
                 * Properties of a RequestAccepted.
                 * @typedef {Object} warren.wire.v1.RequestAccepted.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RequestAccepted.
                 * @memberof warren.wire.v1
                 * @interface IRequestAccepted
                 * @augments warren.wire.v1.RequestAccepted.$Properties
                 * @deprecated Use warren.wire.v1.RequestAccepted.$Properties instead.
                 */

                /**
                 * Shape of a RequestAccepted.
                 * @typedef {warren.wire.v1.RequestAccepted.$Properties} warren.wire.v1.RequestAccepted.$Shape
                 */

                /**
                 * Constructs a new RequestAccepted.
                 * @memberof warren.wire.v1
                 * @classdesc The receiver of a DataRequest takes the request on: its answer follows under the same tx. Sent by
                 * every node that admits a DataRequest, before anything else it sends for it, so that a sender can
                 * pass over a peer that takes requests in silence after a short wait.
                 * @constructor
                 * @param {warren.wire.v1.RequestAccepted.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RequestAccepted = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new RequestAccepted instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.RequestAccepted
                 * @static
                 * @param {warren.wire.v1.RequestAccepted.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.RequestAccepted} RequestAccepted instance
                 * @type {{
                 *   (properties: warren.wire.v1.RequestAccepted.$Shape): warren.wire.v1.RequestAccepted & warren.wire.v1.RequestAccepted.$Shape;
                 *   (properties?: warren.wire.v1.RequestAccepted.$Properties): warren.wire.v1.RequestAccepted;
                 * }}
                 */
                RequestAccepted.create = function(properties) {
                    return new RequestAccepted(properties);
                };

                /**
                 * Encodes the specified RequestAccepted message. Does not implicitly {@link warren.wire.v1.RequestAccepted.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.RequestAccepted
                 * @static
                 * @param {warren.wire.v1.RequestAccepted.$Properties} message RequestAccepted message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RequestAccepted.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RequestAccepted message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.RequestAccepted
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.RequestAccepted & warren.wire.v1.RequestAccepted.$Shape} RequestAccepted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RequestAccepted.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.RequestAccepted();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return RequestAccepted;
            })();

            v1.DataFound = (function() {

                /**
                 * Properties of a DataFound.
                 * @typedef {Object} warren.wire.v1.DataFound.$Properties
                 * @property {Uint8Array|null} [block] The block: 1..32768 bytes. Every receiver verifies it against the requested routing key.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DataFound.
                 * @memberof warren.wire.v1
                 * @interface IDataFound
                 * @augments warren.wire.v1.DataFound.$Properties
                 * @deprecated Use warren.wire.v1.DataFound.$Properties instead.
                 */

                /**
                 * Shape of a DataFound.
                 * @typedef {warren.wire.v1.DataFound.$Properties} warren.wire.v1.DataFound.$Shape
                 */

                /**
                 * Constructs a new DataFound.
                 * @memberof warren.wire.v1
                 * @classdesc The requested block was found; travels back along the request path.
                 * @constructor
                 * @param {warren.wire.v1.DataFound.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DataFound = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * The block: 1..32768 bytes. Every receiver verifies it against the requested routing key.
                 * @member {Uint8Array} block
                 * @memberof warren.wire.v1.DataFound
                 * @instance
                 */
                DataFound.prototype.block = $util.newBuffer([]);

                /**
                 * Creates a new DataFound instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.DataFound
                 * @static
                 * @param {warren.wire.v1.DataFound.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.DataFound} DataFound instance
                 * @type {{
                 *   (properties: warren.wire.v1.DataFound.$Shape): warren.wire.v1.DataFound & warren.wire.v1.DataFound.$Shape;
                 *   (properties?: warren.wire.v1.DataFound.$Properties): warren.wire.v1.DataFound;
                 * }}
                 */
                DataFound.create = function(properties) {
                    return new DataFound(properties);
                };

                /**
                 * Encodes the specified DataFound message. Does not implicitly {@link warren.wire.v1.DataFound.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.DataFound
                 * @static
                 * @param {warren.wire.v1.DataFound.$Properties} message DataFound message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DataFound.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.block != null && $Object.hasOwnProperty.call(message, "block") && message.block.length)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.block);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DataFound message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.DataFound
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.DataFound & warren.wire.v1.DataFound.$Shape} DataFound
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DataFound.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.DataFound();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.block = value;
                                else
                                    delete message.block;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return DataFound;
            })();

            v1.DataNotFound = (function() {

                /**
                 * Properties of a DataNotFound.
                 * @typedef {Object} warren.wire.v1.DataNotFound.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DataNotFound.
                 * @memberof warren.wire.v1
                 * @interface IDataNotFound
                 * @augments warren.wire.v1.DataNotFound.$Properties
                 * @deprecated Use warren.wire.v1.DataNotFound.$Properties instead.
                 */

                /**
                 * Shape of a DataNotFound.
                 * @typedef {warren.wire.v1.DataNotFound.$Properties} warren.wire.v1.DataNotFound.$Shape
                 */

                /**
                 * Constructs a new DataNotFound.
                 * @memberof warren.wire.v1
                 * @classdesc Hops to live ran out before the block was found.
                 * @constructor
                 * @param {warren.wire.v1.DataNotFound.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DataNotFound = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new DataNotFound instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.DataNotFound
                 * @static
                 * @param {warren.wire.v1.DataNotFound.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.DataNotFound} DataNotFound instance
                 * @type {{
                 *   (properties: warren.wire.v1.DataNotFound.$Shape): warren.wire.v1.DataNotFound & warren.wire.v1.DataNotFound.$Shape;
                 *   (properties?: warren.wire.v1.DataNotFound.$Properties): warren.wire.v1.DataNotFound;
                 * }}
                 */
                DataNotFound.create = function(properties) {
                    return new DataNotFound(properties);
                };

                /**
                 * Encodes the specified DataNotFound message. Does not implicitly {@link warren.wire.v1.DataNotFound.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.DataNotFound
                 * @static
                 * @param {warren.wire.v1.DataNotFound.$Properties} message DataNotFound message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DataNotFound.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DataNotFound message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.DataNotFound
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.DataNotFound & warren.wire.v1.DataNotFound.$Shape} DataNotFound
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DataNotFound.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.DataNotFound();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return DataNotFound;
            })();

            v1.RouteNotFound = (function() {

                /**
                 * Properties of a RouteNotFound.
                 * @typedef {Object} warren.wire.v1.RouteNotFound.$Properties
                 * @property {number|null} [htl] Hops to live left when the route ran out: 0..18.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RouteNotFound.
                 * @memberof warren.wire.v1
                 * @interface IRouteNotFound
                 * @augments warren.wire.v1.RouteNotFound.$Properties
                 * @deprecated Use warren.wire.v1.RouteNotFound.$Properties instead.
                 */

                /**
                 * Shape of a RouteNotFound.
                 * @typedef {warren.wire.v1.RouteNotFound.$Properties} warren.wire.v1.RouteNotFound.$Shape
                 */

                /**
                 * Constructs a new RouteNotFound.
                 * @memberof warren.wire.v1
                 * @classdesc The replying node has no further peer to try; the sender tries its next peer (backtracking).
                 * @constructor
                 * @param {warren.wire.v1.RouteNotFound.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RouteNotFound = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Hops to live left when the route ran out: 0..18.
                 * @member {number} htl
                 * @memberof warren.wire.v1.RouteNotFound
                 * @instance
                 */
                RouteNotFound.prototype.htl = 0;

                /**
                 * Creates a new RouteNotFound instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.RouteNotFound
                 * @static
                 * @param {warren.wire.v1.RouteNotFound.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.RouteNotFound} RouteNotFound instance
                 * @type {{
                 *   (properties: warren.wire.v1.RouteNotFound.$Shape): warren.wire.v1.RouteNotFound & warren.wire.v1.RouteNotFound.$Shape;
                 *   (properties?: warren.wire.v1.RouteNotFound.$Properties): warren.wire.v1.RouteNotFound;
                 * }}
                 */
                RouteNotFound.create = function(properties) {
                    return new RouteNotFound(properties);
                };

                /**
                 * Encodes the specified RouteNotFound message. Does not implicitly {@link warren.wire.v1.RouteNotFound.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.RouteNotFound
                 * @static
                 * @param {warren.wire.v1.RouteNotFound.$Properties} message RouteNotFound message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RouteNotFound.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.htl != null && $Object.hasOwnProperty.call(message, "htl") && message.htl !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.htl);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RouteNotFound message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.RouteNotFound
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.RouteNotFound & warren.wire.v1.RouteNotFound.$Shape} RouteNotFound
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RouteNotFound.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.RouteNotFound();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.htl = value;
                                else
                                    delete message.htl;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return RouteNotFound;
            })();

            v1.RejectedLoop = (function() {

                /**
                 * Properties of a RejectedLoop.
                 * @typedef {Object} warren.wire.v1.RejectedLoop.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RejectedLoop.
                 * @memberof warren.wire.v1
                 * @interface IRejectedLoop
                 * @augments warren.wire.v1.RejectedLoop.$Properties
                 * @deprecated Use warren.wire.v1.RejectedLoop.$Properties instead.
                 */

                /**
                 * Shape of a RejectedLoop.
                 * @typedef {warren.wire.v1.RejectedLoop.$Properties} warren.wire.v1.RejectedLoop.$Shape
                 */

                /**
                 * Constructs a new RejectedLoop.
                 * @memberof warren.wire.v1
                 * @classdesc The replying node has already seen this transaction: the request went in a loop.
                 * @constructor
                 * @param {warren.wire.v1.RejectedLoop.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RejectedLoop = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new RejectedLoop instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.RejectedLoop
                 * @static
                 * @param {warren.wire.v1.RejectedLoop.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.RejectedLoop} RejectedLoop instance
                 * @type {{
                 *   (properties: warren.wire.v1.RejectedLoop.$Shape): warren.wire.v1.RejectedLoop & warren.wire.v1.RejectedLoop.$Shape;
                 *   (properties?: warren.wire.v1.RejectedLoop.$Properties): warren.wire.v1.RejectedLoop;
                 * }}
                 */
                RejectedLoop.create = function(properties) {
                    return new RejectedLoop(properties);
                };

                /**
                 * Encodes the specified RejectedLoop message. Does not implicitly {@link warren.wire.v1.RejectedLoop.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.RejectedLoop
                 * @static
                 * @param {warren.wire.v1.RejectedLoop.$Properties} message RejectedLoop message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RejectedLoop.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RejectedLoop message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.RejectedLoop
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.RejectedLoop & warren.wire.v1.RejectedLoop.$Shape} RejectedLoop
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RejectedLoop.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.RejectedLoop();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return RejectedLoop;
            })();

            v1.RejectedOverload = (function() {

                /**
                 * Properties of a RejectedOverload.
                 * @typedef {Object} warren.wire.v1.RejectedOverload.$Properties
                 * @property {boolean|null} [local] True: the overload is at the replying node itself. False: it was propagated from a node
                 * further downstream.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RejectedOverload.
                 * @memberof warren.wire.v1
                 * @interface IRejectedOverload
                 * @augments warren.wire.v1.RejectedOverload.$Properties
                 * @deprecated Use warren.wire.v1.RejectedOverload.$Properties instead.
                 */

                /**
                 * Shape of a RejectedOverload.
                 * @typedef {warren.wire.v1.RejectedOverload.$Properties} warren.wire.v1.RejectedOverload.$Shape
                 */

                /**
                 * Constructs a new RejectedOverload.
                 * @memberof warren.wire.v1
                 * @classdesc The replying node refuses the request because of load; the sender backs off from it.
                 * @constructor
                 * @param {warren.wire.v1.RejectedOverload.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RejectedOverload = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * True: the overload is at the replying node itself. False: it was propagated from a node
                 * further downstream.
                 * @member {boolean} local
                 * @memberof warren.wire.v1.RejectedOverload
                 * @instance
                 */
                RejectedOverload.prototype.local = false;

                /**
                 * Creates a new RejectedOverload instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.RejectedOverload
                 * @static
                 * @param {warren.wire.v1.RejectedOverload.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.RejectedOverload} RejectedOverload instance
                 * @type {{
                 *   (properties: warren.wire.v1.RejectedOverload.$Shape): warren.wire.v1.RejectedOverload & warren.wire.v1.RejectedOverload.$Shape;
                 *   (properties?: warren.wire.v1.RejectedOverload.$Properties): warren.wire.v1.RejectedOverload;
                 * }}
                 */
                RejectedOverload.create = function(properties) {
                    return new RejectedOverload(properties);
                };

                /**
                 * Encodes the specified RejectedOverload message. Does not implicitly {@link warren.wire.v1.RejectedOverload.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.RejectedOverload
                 * @static
                 * @param {warren.wire.v1.RejectedOverload.$Properties} message RejectedOverload message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RejectedOverload.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.local != null && $Object.hasOwnProperty.call(message, "local") && message.local !== false)
                        writer.uint32(/* id 1, wireType 0 =*/8).bool(message.local);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RejectedOverload message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.RejectedOverload
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.RejectedOverload & warren.wire.v1.RejectedOverload.$Shape} RejectedOverload
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RejectedOverload.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.RejectedOverload();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.local = value;
                                else
                                    delete message.local;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return RejectedOverload;
            })();

            v1.InsertRequest = (function() {

                /**
                 * Properties of an InsertRequest.
                 * @typedef {Object} warren.wire.v1.InsertRequest.$Properties
                 * @property {warren.wire.v1.KeyType|null} [keyType] Kind of key; MUST NOT be KEY_TYPE_UNSPECIFIED.
                 * @property {Uint8Array|null} [routingKey] Routing key of the block: exactly 32 bytes.
                 * @property {number|null} [htl] Hops to live left for this insert: 1..18.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InsertRequest.
                 * @memberof warren.wire.v1
                 * @interface IInsertRequest
                 * @augments warren.wire.v1.InsertRequest.$Properties
                 * @deprecated Use warren.wire.v1.InsertRequest.$Properties instead.
                 */

                /**
                 * Shape of an InsertRequest.
                 * @typedef {warren.wire.v1.InsertRequest.$Properties} warren.wire.v1.InsertRequest.$Shape
                 */

                /**
                 * Constructs a new InsertRequest.
                 * @memberof warren.wire.v1
                 * @classdesc Store a block under a routing key at the nodes closest to the key. The block itself follows in
                 * an InsertData once the receiver has answered InsertAccepted, so a peer that refuses the insert
                 * (a loop, overload) never receives it.
                 * @constructor
                 * @param {warren.wire.v1.InsertRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InsertRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Kind of key; MUST NOT be KEY_TYPE_UNSPECIFIED.
                 * @member {warren.wire.v1.KeyType} keyType
                 * @memberof warren.wire.v1.InsertRequest
                 * @instance
                 */
                InsertRequest.prototype.keyType = 0;

                /**
                 * Routing key of the block: exactly 32 bytes.
                 * @member {Uint8Array} routingKey
                 * @memberof warren.wire.v1.InsertRequest
                 * @instance
                 */
                InsertRequest.prototype.routingKey = $util.newBuffer([]);

                /**
                 * Hops to live left for this insert: 1..18.
                 * @member {number} htl
                 * @memberof warren.wire.v1.InsertRequest
                 * @instance
                 */
                InsertRequest.prototype.htl = 0;

                /**
                 * Creates a new InsertRequest instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.InsertRequest
                 * @static
                 * @param {warren.wire.v1.InsertRequest.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.InsertRequest} InsertRequest instance
                 * @type {{
                 *   (properties: warren.wire.v1.InsertRequest.$Shape): warren.wire.v1.InsertRequest & warren.wire.v1.InsertRequest.$Shape;
                 *   (properties?: warren.wire.v1.InsertRequest.$Properties): warren.wire.v1.InsertRequest;
                 * }}
                 */
                InsertRequest.create = function(properties) {
                    return new InsertRequest(properties);
                };

                /**
                 * Encodes the specified InsertRequest message. Does not implicitly {@link warren.wire.v1.InsertRequest.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.InsertRequest
                 * @static
                 * @param {warren.wire.v1.InsertRequest.$Properties} message InsertRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InsertRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.keyType != null && $Object.hasOwnProperty.call(message, "keyType") && message.keyType !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.keyType);
                    if (message.routingKey != null && $Object.hasOwnProperty.call(message, "routingKey") && message.routingKey.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.routingKey);
                    if (message.htl != null && $Object.hasOwnProperty.call(message, "htl") && message.htl !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.htl);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an InsertRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.InsertRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.InsertRequest & warren.wire.v1.InsertRequest.$Shape} InsertRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InsertRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.InsertRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.keyType = value;
                                else
                                    delete message.keyType;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.routingKey = value;
                                else
                                    delete message.routingKey;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.htl = value;
                                else
                                    delete message.htl;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return InsertRequest;
            })();

            v1.InsertAccepted = (function() {

                /**
                 * Properties of an InsertAccepted.
                 * @typedef {Object} warren.wire.v1.InsertAccepted.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InsertAccepted.
                 * @memberof warren.wire.v1
                 * @interface IInsertAccepted
                 * @augments warren.wire.v1.InsertAccepted.$Properties
                 * @deprecated Use warren.wire.v1.InsertAccepted.$Properties instead.
                 */

                /**
                 * Shape of an InsertAccepted.
                 * @typedef {warren.wire.v1.InsertAccepted.$Properties} warren.wire.v1.InsertAccepted.$Shape
                 */

                /**
                 * Constructs a new InsertAccepted.
                 * @memberof warren.wire.v1
                 * @classdesc The receiver of an InsertRequest takes the insert on: the sender now sends its InsertData.
                 * @constructor
                 * @param {warren.wire.v1.InsertAccepted.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InsertAccepted = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new InsertAccepted instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.InsertAccepted
                 * @static
                 * @param {warren.wire.v1.InsertAccepted.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.InsertAccepted} InsertAccepted instance
                 * @type {{
                 *   (properties: warren.wire.v1.InsertAccepted.$Shape): warren.wire.v1.InsertAccepted & warren.wire.v1.InsertAccepted.$Shape;
                 *   (properties?: warren.wire.v1.InsertAccepted.$Properties): warren.wire.v1.InsertAccepted;
                 * }}
                 */
                InsertAccepted.create = function(properties) {
                    return new InsertAccepted(properties);
                };

                /**
                 * Encodes the specified InsertAccepted message. Does not implicitly {@link warren.wire.v1.InsertAccepted.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.InsertAccepted
                 * @static
                 * @param {warren.wire.v1.InsertAccepted.$Properties} message InsertAccepted message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InsertAccepted.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an InsertAccepted message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.InsertAccepted
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.InsertAccepted & warren.wire.v1.InsertAccepted.$Shape} InsertAccepted
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InsertAccepted.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.InsertAccepted();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return InsertAccepted;
            })();

            v1.InsertData = (function() {

                /**
                 * Properties of an InsertData.
                 * @typedef {Object} warren.wire.v1.InsertData.$Properties
                 * @property {Uint8Array|null} [block] The block: 1..32768 bytes, verified against the InsertRequest's routing key by the receiver.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InsertData.
                 * @memberof warren.wire.v1
                 * @interface IInsertData
                 * @augments warren.wire.v1.InsertData.$Properties
                 * @deprecated Use warren.wire.v1.InsertData.$Properties instead.
                 */

                /**
                 * Shape of an InsertData.
                 * @typedef {warren.wire.v1.InsertData.$Properties} warren.wire.v1.InsertData.$Shape
                 */

                /**
                 * Constructs a new InsertData.
                 * @memberof warren.wire.v1
                 * @classdesc The block of an accepted insert, under the tx of its InsertRequest.
                 * @constructor
                 * @param {warren.wire.v1.InsertData.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InsertData = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * The block: 1..32768 bytes, verified against the InsertRequest's routing key by the receiver.
                 * @member {Uint8Array} block
                 * @memberof warren.wire.v1.InsertData
                 * @instance
                 */
                InsertData.prototype.block = $util.newBuffer([]);

                /**
                 * Creates a new InsertData instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.InsertData
                 * @static
                 * @param {warren.wire.v1.InsertData.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.InsertData} InsertData instance
                 * @type {{
                 *   (properties: warren.wire.v1.InsertData.$Shape): warren.wire.v1.InsertData & warren.wire.v1.InsertData.$Shape;
                 *   (properties?: warren.wire.v1.InsertData.$Properties): warren.wire.v1.InsertData;
                 * }}
                 */
                InsertData.create = function(properties) {
                    return new InsertData(properties);
                };

                /**
                 * Encodes the specified InsertData message. Does not implicitly {@link warren.wire.v1.InsertData.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.InsertData
                 * @static
                 * @param {warren.wire.v1.InsertData.$Properties} message InsertData message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InsertData.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.block != null && $Object.hasOwnProperty.call(message, "block") && message.block.length)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.block);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an InsertData message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.InsertData
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.InsertData & warren.wire.v1.InsertData.$Shape} InsertData
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InsertData.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.InsertData();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.block = value;
                                else
                                    delete message.block;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return InsertData;
            })();

            /**
             * How an insert ended.
             * @name warren.wire.v1.InsertOutcome
             * @enum {number}
             * @property {number} INSERT_OUTCOME_UNSPECIFIED=0 Never valid on the wire.
             * @property {number} INSERT_OUTCOME_STORED=1 The block was stored along the path.
             * @property {number} INSERT_OUTCOME_COLLISION=2 An SSK slot already held a different valid block, carried in existing_block.
             * @property {number} INSERT_OUTCOME_INVALID_BLOCK=3 The block did not verify against its routing key.
             */
            v1.InsertOutcome = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "INSERT_OUTCOME_UNSPECIFIED"] = 0;
                values[valuesById[1] = "INSERT_OUTCOME_STORED"] = 1;
                values[valuesById[2] = "INSERT_OUTCOME_COLLISION"] = 2;
                values[valuesById[3] = "INSERT_OUTCOME_INVALID_BLOCK"] = 3;
                return values;
            })();

            v1.InsertReply = (function() {

                /**
                 * Properties of an InsertReply.
                 * @typedef {Object} warren.wire.v1.InsertReply.$Properties
                 * @property {warren.wire.v1.InsertOutcome|null} [outcome] How the insert ended; MUST NOT be INSERT_OUTCOME_UNSPECIFIED.
                 * @property {Uint8Array|null} [existingBlock] With INSERT_OUTCOME_COLLISION: the block already in the slot, 1..32768 bytes.
                 * With any other outcome: empty.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InsertReply.
                 * @memberof warren.wire.v1
                 * @interface IInsertReply
                 * @augments warren.wire.v1.InsertReply.$Properties
                 * @deprecated Use warren.wire.v1.InsertReply.$Properties instead.
                 */

                /**
                 * Shape of an InsertReply.
                 * @typedef {warren.wire.v1.InsertReply.$Properties} warren.wire.v1.InsertReply.$Shape
                 */

                /**
                 * Constructs a new InsertReply.
                 * @memberof warren.wire.v1
                 * @classdesc The result of an InsertRequest, travelling back along the insert path.
                 * @constructor
                 * @param {warren.wire.v1.InsertReply.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InsertReply = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * How the insert ended; MUST NOT be INSERT_OUTCOME_UNSPECIFIED.
                 * @member {warren.wire.v1.InsertOutcome} outcome
                 * @memberof warren.wire.v1.InsertReply
                 * @instance
                 */
                InsertReply.prototype.outcome = 0;

                /**
                 * With INSERT_OUTCOME_COLLISION: the block already in the slot, 1..32768 bytes.
                 * With any other outcome: empty.
                 * @member {Uint8Array} existingBlock
                 * @memberof warren.wire.v1.InsertReply
                 * @instance
                 */
                InsertReply.prototype.existingBlock = $util.newBuffer([]);

                /**
                 * Creates a new InsertReply instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.InsertReply
                 * @static
                 * @param {warren.wire.v1.InsertReply.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.InsertReply} InsertReply instance
                 * @type {{
                 *   (properties: warren.wire.v1.InsertReply.$Shape): warren.wire.v1.InsertReply & warren.wire.v1.InsertReply.$Shape;
                 *   (properties?: warren.wire.v1.InsertReply.$Properties): warren.wire.v1.InsertReply;
                 * }}
                 */
                InsertReply.create = function(properties) {
                    return new InsertReply(properties);
                };

                /**
                 * Encodes the specified InsertReply message. Does not implicitly {@link warren.wire.v1.InsertReply.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.InsertReply
                 * @static
                 * @param {warren.wire.v1.InsertReply.$Properties} message InsertReply message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InsertReply.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.outcome != null && $Object.hasOwnProperty.call(message, "outcome") && message.outcome !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.outcome);
                    if (message.existingBlock != null && $Object.hasOwnProperty.call(message, "existingBlock") && message.existingBlock.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.existingBlock);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an InsertReply message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.InsertReply
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.InsertReply & warren.wire.v1.InsertReply.$Shape} InsertReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InsertReply.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.InsertReply();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.outcome = value;
                                else
                                    delete message.outcome;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.existingBlock = value;
                                else
                                    delete message.existingBlock;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return InsertReply;
            })();

            v1.Announce = (function() {

                /**
                 * Properties of an Announce.
                 * @typedef {Object} warren.wire.v1.Announce.$Properties
                 * @property {warren.wire.v1.NodeRef.$Properties|null} [node] The announcing node's identity and addresses.
                 * @property {number|null} [htl] Hops to live left for the announcement: 1..18.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Announce.
                 * @memberof warren.wire.v1
                 * @interface IAnnounce
                 * @augments warren.wire.v1.Announce.$Properties
                 * @deprecated Use warren.wire.v1.Announce.$Properties instead.
                 */

                /**
                 * Shape of an Announce.
                 * @typedef {warren.wire.v1.Announce.$Properties} warren.wire.v1.Announce.$Shape
                 */

                /**
                 * Constructs a new Announce.
                 * @memberof warren.wire.v1
                 * @classdesc Opennet: a new node announces itself toward its own ring location.
                 * @constructor
                 * @param {warren.wire.v1.Announce.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Announce = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * The announcing node's identity and addresses.
                 * @member {warren.wire.v1.NodeRef.$Properties|null|undefined} node
                 * @memberof warren.wire.v1.Announce
                 * @instance
                 */
                Announce.prototype.node = null;

                /**
                 * Hops to live left for the announcement: 1..18.
                 * @member {number} htl
                 * @memberof warren.wire.v1.Announce
                 * @instance
                 */
                Announce.prototype.htl = 0;

                /**
                 * Creates a new Announce instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.Announce
                 * @static
                 * @param {warren.wire.v1.Announce.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.Announce} Announce instance
                 * @type {{
                 *   (properties: warren.wire.v1.Announce.$Shape): warren.wire.v1.Announce & warren.wire.v1.Announce.$Shape;
                 *   (properties?: warren.wire.v1.Announce.$Properties): warren.wire.v1.Announce;
                 * }}
                 */
                Announce.create = function(properties) {
                    return new Announce(properties);
                };

                /**
                 * Encodes the specified Announce message. Does not implicitly {@link warren.wire.v1.Announce.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.Announce
                 * @static
                 * @param {warren.wire.v1.Announce.$Properties} message Announce message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Announce.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.node != null && $Object.hasOwnProperty.call(message, "node"))
                        $root.warren.wire.v1.NodeRef.encode(message.node, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.htl != null && $Object.hasOwnProperty.call(message, "htl") && message.htl !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.htl);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Announce message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.Announce
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Announce & warren.wire.v1.Announce.$Shape} Announce
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Announce.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.Announce();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.node = $root.warren.wire.v1.NodeRef.decode(reader, reader.size(), $undefined, _depth + 1, message.node);
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.htl = value;
                                else
                                    delete message.htl;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return Announce;
            })();

            v1.PeerOffer = (function() {

                /**
                 * Properties of a PeerOffer.
                 * @typedef {Object} warren.wire.v1.PeerOffer.$Properties
                 * @property {warren.wire.v1.NodeRef.$Properties|null} [node] The node offered.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PeerOffer.
                 * @memberof warren.wire.v1
                 * @interface IPeerOffer
                 * @augments warren.wire.v1.PeerOffer.$Properties
                 * @deprecated Use warren.wire.v1.PeerOffer.$Properties instead.
                 */

                /**
                 * Shape of a PeerOffer.
                 * @typedef {warren.wire.v1.PeerOffer.$Properties} warren.wire.v1.PeerOffer.$Shape
                 */

                /**
                 * Constructs a new PeerOffer.
                 * @memberof warren.wire.v1
                 * @classdesc Offers a node as a new peer: the reply to an Announce, or path folding after a request.
                 * @constructor
                 * @param {warren.wire.v1.PeerOffer.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PeerOffer = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * The node offered.
                 * @member {warren.wire.v1.NodeRef.$Properties|null|undefined} node
                 * @memberof warren.wire.v1.PeerOffer
                 * @instance
                 */
                PeerOffer.prototype.node = null;

                /**
                 * Creates a new PeerOffer instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.PeerOffer
                 * @static
                 * @param {warren.wire.v1.PeerOffer.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.PeerOffer} PeerOffer instance
                 * @type {{
                 *   (properties: warren.wire.v1.PeerOffer.$Shape): warren.wire.v1.PeerOffer & warren.wire.v1.PeerOffer.$Shape;
                 *   (properties?: warren.wire.v1.PeerOffer.$Properties): warren.wire.v1.PeerOffer;
                 * }}
                 */
                PeerOffer.create = function(properties) {
                    return new PeerOffer(properties);
                };

                /**
                 * Encodes the specified PeerOffer message. Does not implicitly {@link warren.wire.v1.PeerOffer.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.PeerOffer
                 * @static
                 * @param {warren.wire.v1.PeerOffer.$Properties} message PeerOffer message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PeerOffer.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.node != null && $Object.hasOwnProperty.call(message, "node"))
                        $root.warren.wire.v1.NodeRef.encode(message.node, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PeerOffer message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.PeerOffer
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.PeerOffer & warren.wire.v1.PeerOffer.$Shape} PeerOffer
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PeerOffer.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.PeerOffer();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.node = $root.warren.wire.v1.NodeRef.decode(reader, reader.size(), $undefined, _depth + 1, message.node);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return PeerOffer;
            })();

            v1.Ping = (function() {

                /**
                 * Properties of a Ping.
                 * @typedef {Object} warren.wire.v1.Ping.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Ping.
                 * @memberof warren.wire.v1
                 * @interface IPing
                 * @augments warren.wire.v1.Ping.$Properties
                 * @deprecated Use warren.wire.v1.Ping.$Properties instead.
                 */

                /**
                 * Shape of a Ping.
                 * @typedef {warren.wire.v1.Ping.$Properties} warren.wire.v1.Ping.$Shape
                 */

                /**
                 * Constructs a new Ping.
                 * @memberof warren.wire.v1
                 * @classdesc Liveness probe; answered with a Pong carrying the same tx.
                 * @constructor
                 * @param {warren.wire.v1.Ping.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Ping = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new Ping instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.Ping
                 * @static
                 * @param {warren.wire.v1.Ping.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.Ping} Ping instance
                 * @type {{
                 *   (properties: warren.wire.v1.Ping.$Shape): warren.wire.v1.Ping & warren.wire.v1.Ping.$Shape;
                 *   (properties?: warren.wire.v1.Ping.$Properties): warren.wire.v1.Ping;
                 * }}
                 */
                Ping.create = function(properties) {
                    return new Ping(properties);
                };

                /**
                 * Encodes the specified Ping message. Does not implicitly {@link warren.wire.v1.Ping.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.Ping
                 * @static
                 * @param {warren.wire.v1.Ping.$Properties} message Ping message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Ping.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Ping message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.Ping
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Ping & warren.wire.v1.Ping.$Shape} Ping
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Ping.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.Ping();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return Ping;
            })();

            v1.Pong = (function() {

                /**
                 * Properties of a Pong.
                 * @typedef {Object} warren.wire.v1.Pong.$Properties
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Pong.
                 * @memberof warren.wire.v1
                 * @interface IPong
                 * @augments warren.wire.v1.Pong.$Properties
                 * @deprecated Use warren.wire.v1.Pong.$Properties instead.
                 */

                /**
                 * Shape of a Pong.
                 * @typedef {warren.wire.v1.Pong.$Properties} warren.wire.v1.Pong.$Shape
                 */

                /**
                 * Constructs a new Pong.
                 * @memberof warren.wire.v1
                 * @classdesc Answer to a Ping.
                 * @constructor
                 * @param {warren.wire.v1.Pong.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Pong = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Creates a new Pong instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.Pong
                 * @static
                 * @param {warren.wire.v1.Pong.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.Pong} Pong instance
                 * @type {{
                 *   (properties: warren.wire.v1.Pong.$Shape): warren.wire.v1.Pong & warren.wire.v1.Pong.$Shape;
                 *   (properties?: warren.wire.v1.Pong.$Properties): warren.wire.v1.Pong;
                 * }}
                 */
                Pong.create = function(properties) {
                    return new Pong(properties);
                };

                /**
                 * Encodes the specified Pong message. Does not implicitly {@link warren.wire.v1.Pong.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.Pong
                 * @static
                 * @param {warren.wire.v1.Pong.$Properties} message Pong message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Pong.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Pong message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.Pong
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.Pong & warren.wire.v1.Pong.$Shape} Pong
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Pong.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.Pong();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        reader.skipType(tag & 7, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return Pong;
            })();

            v1.SwapRequest = (function() {

                /**
                 * Properties of a SwapRequest.
                 * @typedef {Object} warren.wire.v1.SwapRequest.$Properties
                 * @property {Uint8Array|null} [commitment] The initiator's commitment to its SwapReveal: exactly 32 bytes.
                 * @property {number|null} [hops] Hops the walk still makes: 1..10. A node receiving 1 ends the walk.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SwapRequest.
                 * @memberof warren.wire.v1
                 * @interface ISwapRequest
                 * @augments warren.wire.v1.SwapRequest.$Properties
                 * @deprecated Use warren.wire.v1.SwapRequest.$Properties instead.
                 */

                /**
                 * Shape of a SwapRequest.
                 * @typedef {warren.wire.v1.SwapRequest.$Properties} warren.wire.v1.SwapRequest.$Shape
                 */

                /**
                 * Constructs a new SwapRequest.
                 * @memberof warren.wire.v1
                 * @classdesc Darknet location swapping (spec/routing.md §11.5). A swap walk: sent by a darknet node to a
                 * random friend, relayed from friend to friend under the same tx; the node where it ends answers
                 * SwapCommit, then both ends exchange SwapReveal along the walk's path, both ways.
                 * @constructor
                 * @param {warren.wire.v1.SwapRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SwapRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * The initiator's commitment to its SwapReveal: exactly 32 bytes.
                 * @member {Uint8Array} commitment
                 * @memberof warren.wire.v1.SwapRequest
                 * @instance
                 */
                SwapRequest.prototype.commitment = $util.newBuffer([]);

                /**
                 * Hops the walk still makes: 1..10. A node receiving 1 ends the walk.
                 * @member {number} hops
                 * @memberof warren.wire.v1.SwapRequest
                 * @instance
                 */
                SwapRequest.prototype.hops = 0;

                /**
                 * Creates a new SwapRequest instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.SwapRequest
                 * @static
                 * @param {warren.wire.v1.SwapRequest.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.SwapRequest} SwapRequest instance
                 * @type {{
                 *   (properties: warren.wire.v1.SwapRequest.$Shape): warren.wire.v1.SwapRequest & warren.wire.v1.SwapRequest.$Shape;
                 *   (properties?: warren.wire.v1.SwapRequest.$Properties): warren.wire.v1.SwapRequest;
                 * }}
                 */
                SwapRequest.create = function(properties) {
                    return new SwapRequest(properties);
                };

                /**
                 * Encodes the specified SwapRequest message. Does not implicitly {@link warren.wire.v1.SwapRequest.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.SwapRequest
                 * @static
                 * @param {warren.wire.v1.SwapRequest.$Properties} message SwapRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SwapRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.commitment != null && $Object.hasOwnProperty.call(message, "commitment") && message.commitment.length)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.commitment);
                    if (message.hops != null && $Object.hasOwnProperty.call(message, "hops") && message.hops !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.hops);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SwapRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.SwapRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.SwapRequest & warren.wire.v1.SwapRequest.$Shape} SwapRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SwapRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.SwapRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.commitment = value;
                                else
                                    delete message.commitment;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.hops = value;
                                else
                                    delete message.hops;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return SwapRequest;
            })();

            v1.SwapCommit = (function() {

                /**
                 * Properties of a SwapCommit.
                 * @typedef {Object} warren.wire.v1.SwapCommit.$Properties
                 * @property {Uint8Array|null} [commitment] Exactly 32 bytes.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SwapCommit.
                 * @memberof warren.wire.v1
                 * @interface ISwapCommit
                 * @augments warren.wire.v1.SwapCommit.$Properties
                 * @deprecated Use warren.wire.v1.SwapCommit.$Properties instead.
                 */

                /**
                 * Shape of a SwapCommit.
                 * @typedef {warren.wire.v1.SwapCommit.$Properties} warren.wire.v1.SwapCommit.$Shape
                 */

                /**
                 * Constructs a new SwapCommit.
                 * @memberof warren.wire.v1
                 * @classdesc The end of a swap walk takes part: its commitment to its own SwapReveal, back along the walk.
                 * @constructor
                 * @param {warren.wire.v1.SwapCommit.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SwapCommit = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Exactly 32 bytes.
                 * @member {Uint8Array} commitment
                 * @memberof warren.wire.v1.SwapCommit
                 * @instance
                 */
                SwapCommit.prototype.commitment = $util.newBuffer([]);

                /**
                 * Creates a new SwapCommit instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.SwapCommit
                 * @static
                 * @param {warren.wire.v1.SwapCommit.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.SwapCommit} SwapCommit instance
                 * @type {{
                 *   (properties: warren.wire.v1.SwapCommit.$Shape): warren.wire.v1.SwapCommit & warren.wire.v1.SwapCommit.$Shape;
                 *   (properties?: warren.wire.v1.SwapCommit.$Properties): warren.wire.v1.SwapCommit;
                 * }}
                 */
                SwapCommit.create = function(properties) {
                    return new SwapCommit(properties);
                };

                /**
                 * Encodes the specified SwapCommit message. Does not implicitly {@link warren.wire.v1.SwapCommit.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.SwapCommit
                 * @static
                 * @param {warren.wire.v1.SwapCommit.$Properties} message SwapCommit message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SwapCommit.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.commitment != null && $Object.hasOwnProperty.call(message, "commitment") && message.commitment.length)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.commitment);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SwapCommit message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.SwapCommit
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.SwapCommit & warren.wire.v1.SwapCommit.$Shape} SwapCommit
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SwapCommit.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.SwapCommit();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.commitment = value;
                                else
                                    delete message.commitment;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return SwapCommit;
            })();

            v1.SwapReveal = (function() {

                /**
                 * Properties of a SwapReveal.
                 * @typedef {Object} warren.wire.v1.SwapReveal.$Properties
                 * @property {Uint8Array|null} [nonce] The sender's random contribution to the coin: exactly 32 bytes.
                 * @property {number|null} [location] The sender's ring location: in [0, 1).
                 * @property {Array.<number>|null} [neighbourLocations] The ring locations of the sender's links, each in [0, 1): at most 128.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SwapReveal.
                 * @memberof warren.wire.v1
                 * @interface ISwapReveal
                 * @augments warren.wire.v1.SwapReveal.$Properties
                 * @deprecated Use warren.wire.v1.SwapReveal.$Properties instead.
                 */

                /**
                 * Shape of a SwapReveal.
                 * @typedef {warren.wire.v1.SwapReveal.$Properties} warren.wire.v1.SwapReveal.$Shape
                 */

                /**
                 * Constructs a new SwapReveal.
                 * @memberof warren.wire.v1
                 * @classdesc One end's offer, sent once it holds the other end's commitment: the initiator's first, then the
                 * responder's. Each MUST match the commitment its sender made (spec/routing.md §11.2).
                 * @constructor
                 * @param {warren.wire.v1.SwapReveal.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SwapReveal = function (properties) {
                    this.neighbourLocations = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * The sender's random contribution to the coin: exactly 32 bytes.
                 * @member {Uint8Array} nonce
                 * @memberof warren.wire.v1.SwapReveal
                 * @instance
                 */
                SwapReveal.prototype.nonce = $util.newBuffer([]);

                /**
                 * The sender's ring location: in [0, 1).
                 * @member {number} location
                 * @memberof warren.wire.v1.SwapReveal
                 * @instance
                 */
                SwapReveal.prototype.location = 0;

                /**
                 * The ring locations of the sender's links, each in [0, 1): at most 128.
                 * @member {Array.<number>} neighbourLocations
                 * @memberof warren.wire.v1.SwapReveal
                 * @instance
                 */
                SwapReveal.prototype.neighbourLocations = $util.emptyArray;

                /**
                 * Creates a new SwapReveal instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.SwapReveal
                 * @static
                 * @param {warren.wire.v1.SwapReveal.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.SwapReveal} SwapReveal instance
                 * @type {{
                 *   (properties: warren.wire.v1.SwapReveal.$Shape): warren.wire.v1.SwapReveal & warren.wire.v1.SwapReveal.$Shape;
                 *   (properties?: warren.wire.v1.SwapReveal.$Properties): warren.wire.v1.SwapReveal;
                 * }}
                 */
                SwapReveal.create = function(properties) {
                    return new SwapReveal(properties);
                };

                /**
                 * Encodes the specified SwapReveal message. Does not implicitly {@link warren.wire.v1.SwapReveal.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.SwapReveal
                 * @static
                 * @param {warren.wire.v1.SwapReveal.$Properties} message SwapReveal message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SwapReveal.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                    if (message.location != null && $Object.hasOwnProperty.call(message, "location") && !$Object.is(message.location, 0))
                        writer.uint32(/* id 2, wireType 1 =*/17).double(message.location);
                    if (message.neighbourLocations != null && message.neighbourLocations.length)
                        writer.uint32(/* id 3, wireType 2 =*/26).doubles(message.neighbourLocations);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SwapReveal message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.SwapReveal
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.SwapReveal & warren.wire.v1.SwapReveal.$Shape} SwapReveal
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SwapReveal.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.SwapReveal();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.nonce = value;
                                else
                                    delete message.nonce;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.location = value;
                                else
                                    delete message.location;
                                continue;
                            }
                        case 3: {
                                if (wireType === 2) {
                                    if (!(message.neighbourLocations && message.neighbourLocations.length))
                                        message.neighbourLocations = [];
                                    reader.doubles(message.neighbourLocations);
                                    continue;
                                }
                                if (wireType !== 1)
                                    break;
                                if (!(message.neighbourLocations && message.neighbourLocations.length))
                                    message.neighbourLocations = [];
                                message.neighbourLocations.push(reader.double());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return SwapReveal;
            })();

            v1.SwapRejected = (function() {

                /**
                 * Properties of a SwapRejected.
                 * @typedef {Object} warren.wire.v1.SwapRejected.$Properties
                 * @property {boolean|null} [notSwapping] True: the sender takes part in no swap (an opennet or mixed node, whose location its identity
                 * fixes; spec/routing.md §11.6), so no walk should go to it again. Set only by the node that
                 * declines; a relay passing a rejection on leaves it unset.
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a SwapRejected.
                 * @memberof warren.wire.v1
                 * @interface ISwapRejected
                 * @augments warren.wire.v1.SwapRejected.$Properties
                 * @deprecated Use warren.wire.v1.SwapRejected.$Properties instead.
                 */

                /**
                 * Shape of a SwapRejected.
                 * @typedef {warren.wire.v1.SwapRejected.$Properties} warren.wire.v1.SwapRejected.$Shape
                 */

                /**
                 * Constructs a new SwapRejected.
                 * @memberof warren.wire.v1
                 * @classdesc The swap walk ended without a swap: a node on it refused it (its sender's walk budget spent, a
                 * swap of its own in progress, a loop), an end's reveal did not match its commitment, or a node that
                 * does not swap declined it (not_swapping).
                 * @constructor
                 * @param {warren.wire.v1.SwapRejected.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const SwapRejected = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * True: the sender takes part in no swap (an opennet or mixed node, whose location its identity
                 * fixes; spec/routing.md §11.6), so no walk should go to it again. Set only by the node that
                 * declines; a relay passing a rejection on leaves it unset.
                 * @member {boolean} notSwapping
                 * @memberof warren.wire.v1.SwapRejected
                 * @instance
                 */
                SwapRejected.prototype.notSwapping = false;

                /**
                 * Creates a new SwapRejected instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.SwapRejected
                 * @static
                 * @param {warren.wire.v1.SwapRejected.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.SwapRejected} SwapRejected instance
                 * @type {{
                 *   (properties: warren.wire.v1.SwapRejected.$Shape): warren.wire.v1.SwapRejected & warren.wire.v1.SwapRejected.$Shape;
                 *   (properties?: warren.wire.v1.SwapRejected.$Properties): warren.wire.v1.SwapRejected;
                 * }}
                 */
                SwapRejected.create = function(properties) {
                    return new SwapRejected(properties);
                };

                /**
                 * Encodes the specified SwapRejected message. Does not implicitly {@link warren.wire.v1.SwapRejected.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.SwapRejected
                 * @static
                 * @param {warren.wire.v1.SwapRejected.$Properties} message SwapRejected message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                SwapRejected.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.notSwapping != null && $Object.hasOwnProperty.call(message, "notSwapping") && message.notSwapping !== false)
                        writer.uint32(/* id 1, wireType 0 =*/8).bool(message.notSwapping);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a SwapRejected message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.SwapRejected
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.SwapRejected & warren.wire.v1.SwapRejected.$Shape} SwapRejected
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                SwapRejected.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.SwapRejected();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.notSwapping = value;
                                else
                                    delete message.notSwapping;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return SwapRejected;
            })();

            v1.LocationUpdate = (function() {

                /**
                 * Properties of a LocationUpdate.
                 * @typedef {Object} warren.wire.v1.LocationUpdate.$Properties
                 * @property {number|null} [location] In [0, 1).
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a LocationUpdate.
                 * @memberof warren.wire.v1
                 * @interface ILocationUpdate
                 * @augments warren.wire.v1.LocationUpdate.$Properties
                 * @deprecated Use warren.wire.v1.LocationUpdate.$Properties instead.
                 */

                /**
                 * Shape of a LocationUpdate.
                 * @typedef {warren.wire.v1.LocationUpdate.$Properties} warren.wire.v1.LocationUpdate.$Shape
                 */

                /**
                 * Constructs a new LocationUpdate.
                 * @memberof warren.wire.v1
                 * @classdesc A darknet node's ring location, sent to each link when it comes up and after every swap. A
                 * node that does not swap takes it only from a friend (a mixed node, spec/routing.md §11.6), and
                 * keeps for any other peer the location the peer's proof gives.
                 * @constructor
                 * @param {warren.wire.v1.LocationUpdate.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const LocationUpdate = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * In [0, 1).
                 * @member {number} location
                 * @memberof warren.wire.v1.LocationUpdate
                 * @instance
                 */
                LocationUpdate.prototype.location = 0;

                /**
                 * Creates a new LocationUpdate instance using the specified properties.
                 * @function create
                 * @memberof warren.wire.v1.LocationUpdate
                 * @static
                 * @param {warren.wire.v1.LocationUpdate.$Properties=} [properties] Properties to set
                 * @returns {warren.wire.v1.LocationUpdate} LocationUpdate instance
                 * @type {{
                 *   (properties: warren.wire.v1.LocationUpdate.$Shape): warren.wire.v1.LocationUpdate & warren.wire.v1.LocationUpdate.$Shape;
                 *   (properties?: warren.wire.v1.LocationUpdate.$Properties): warren.wire.v1.LocationUpdate;
                 * }}
                 */
                LocationUpdate.create = function(properties) {
                    return new LocationUpdate(properties);
                };

                /**
                 * Encodes the specified LocationUpdate message. Does not implicitly {@link warren.wire.v1.LocationUpdate.verify|verify} messages.
                 * @function encode
                 * @memberof warren.wire.v1.LocationUpdate
                 * @static
                 * @param {warren.wire.v1.LocationUpdate.$Properties} message LocationUpdate message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LocationUpdate.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.location != null && $Object.hasOwnProperty.call(message, "location") && !$Object.is(message.location, 0))
                        writer.uint32(/* id 1, wireType 1 =*/9).double(message.location);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a LocationUpdate message from the specified reader or buffer.
                 * @function decode
                 * @memberof warren.wire.v1.LocationUpdate
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {warren.wire.v1.LocationUpdate & warren.wire.v1.LocationUpdate.$Shape} LocationUpdate
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LocationUpdate.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.warren.wire.v1.LocationUpdate();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 1)
                                    break;
                                if (!$Object.is(value = reader.double(), 0))
                                    message.location = value;
                                else
                                    delete message.location;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                return LocationUpdate;
            })();

            return v1;
        })();

        return wire;
    })();

    return warren;
})();

export {
  $root as default
};
