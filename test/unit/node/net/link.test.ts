import assert from 'node:assert/strict';
import { multiaddrConnectionPair } from '@libp2p/utils';
import { toHex } from '../../../../protocol/bytes.js';
import { leadingZeroBits, type IdentityProof, type NodeIdentity } from '../../../../protocol/identity.js';
import { mintIdentity } from '../../../../protocol/identity-mint.js';
import { identityProofHash } from '../../../../protocol/identity-proof.js';
import { decodeEnvelope, encodeEnvelope, encodeFrame, type Envelope } from '../../../../protocol/wire/index.js';
import { HandshakeError } from '../../../../node/net/errors.js';
import { Link } from '../../../../node/net/link.js';
import { FrameStream } from '../../../../node/net/stream.js';
import type { ConnectedPeer } from '../../../../node/transport.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { until } from '../../../support/until.js';

const DIFFICULTY = 8;
const hello = (proof: IdentityProof, tx = 1n): Envelope => ({
  tx,
  body: { type: 'hello', node: { publicKey: proof.publicKey, powNonce: proof.nonce, addresses: ['/ip4/192.0.2.7/tcp/9301'] } },
});
const ping = (tx: bigint): Envelope => ({ tx, body: { type: 'ping' } });

/** A Link on one end of an in-memory pair, believing the other end authenticated as `peer`. */
function open(peer: IdentityProof, own: NodeIdentity) {
  const [local, remote] = multiaddrConnectionPair();
  const clock = new ManualClock();
  const seen = { verified: [] as ConnectedPeer[], messages: [] as Envelope[], closed: [] as string[] };
  const link = new Link({
    stream: local,
    remotePublicKey: peer.publicKey,
    outbound: true,
    remoteAddress: '/ip4/127.0.0.1/tcp/7400',
    hello: hello(own, 42n),
    powDifficulty: DIFFICULTY,
    sendQueueBytes: 1 << 20,
    closeTimeoutMs: 1000,
    clock,
    verified: (_, connected) => seen.verified.push(connected),
    message: (_, envelope) => seen.messages.push(envelope),
    drained: () => undefined,
    closed: (_, reason) => seen.closed.push(reason),
  });
  const received: Envelope[] = [];
  const other = new FrameStream(remote, {
    maxQueueBytes: 1 << 20,
    onFrame: (frame) => received.push(decodeEnvelope(frame)),
    onClose: () => undefined,
  });
  const send = (envelope: Envelope) => other.send(encodeFrame(encodeEnvelope(envelope)));
  return { link, clock, seen, received, send, other };
}

describe('Link', () => {
  let own: NodeIdentity;
  let peer: NodeIdentity;

  before(async () => {
    [own, peer] = [await mintIdentity({ difficulty: DIFFICULTY }), await mintIdentity({ difficulty: DIFFICULTY })];
  });

  it('sends its Hello at once, without waiting for the peer', async () => {
    const { received } = open(peer, own);
    await until(() => received.length === 1, 'received.length === 1');
    assert.deepEqual(received[0], hello(own, 42n));
  });

  it('verifies the Hello, then hands every later envelope on; outcome waits for settle', async () => {
    const { link, seen, send } = open(peer, own);
    send(hello(peer));
    send(ping(1n));
    send(ping(2n));
    await until(() => seen.messages.length === 2, 'seen.messages.length === 2');
    assert.equal(link.verified, true);
    assert.equal(link.id, toHex(peer.publicKey));
    const { body } = hello(peer);
    assert.ok(body.type === 'hello');
    assert.deepEqual(seen.verified, [{ id: toHex(peer.publicKey), location: peer.location, node: body.node, remoteAddress: '/ip4/127.0.0.1/tcp/7400' }]);
    assert.deepEqual(seen.messages, [ping(1n), ping(2n)]);
    link.settle(seen.verified[0]!);
    assert.deepEqual(await link.outcome, seen.verified[0]);
  });

  for (const [name, first, reason] of [
    ['a first frame that is not a Hello', () => ping(1n), /^refused: the first frame is ping, not Hello$/],
    ["a Hello for another key than the link's", () => hello(own), /^refused: the Hello's key is not the key that authenticated the link$/],
  ] as const) {
    it(`refuses ${name}: closed, never verified, outcome rejects`, async () => {
      const { link, seen, send } = open(peer, own);
      send(first());
      await until(() => seen.closed.length === 1, 'seen.closed.length === 1');
      assert.match(seen.closed[0]!, reason);
      assert.deepEqual(seen.verified, []);
      await assert.rejects(link.outcome, HandshakeError);
    });
  }

  it('refuses a proof below the network difficulty', async () => {
    const weak = { publicKey: peer.publicKey, nonce: new Uint8Array(8) };
    while (leadingZeroBits(identityProofHash(weak.publicKey, weak.nonce)) >= DIFFICULTY) weak.nonce[7]!++;
    const { seen, send } = open(peer, own);
    send(hello(weak));
    await until(() => seen.closed.length === 1, 'seen.closed.length === 1');
    assert.match(seen.closed[0]!, /^refused: invalid identity proof: proof has \d leading zero bits, network requires 8$/);
    assert.deepEqual(seen.verified, []);
  });

  it('closes on a second Hello, and on a frame that is not an envelope', async () => {
    const first = open(peer, own);
    first.send(hello(peer));
    first.send(hello(peer));
    await until(() => first.seen.closed.length === 1, 'first.seen.closed.length === 1');
    assert.equal(first.seen.closed[0], 'protocol violation: a second Hello');

    const second = open(peer, own);
    second.send(hello(peer));
    second.other.send(Uint8Array.of(2, 0xff, 0xff));
    await until(() => second.seen.closed.length === 1, 'second.seen.closed.length === 1');
    assert.match(second.seen.closed[0]!, /^protocol violation: /);
  });

  it('reports a peer that closes as "closed by peer"', async () => {
    const { seen, send, other } = open(peer, own);
    send(hello(peer));
    await until(() => seen.verified.length === 1, 'seen.verified.length === 1');
    await other.close(AbortSignal.timeout(1000));
    await until(() => seen.closed.length === 1, 'seen.closed.length === 1');
    assert.equal(seen.closed[0], 'closed by peer');
  });

  it('close writes what is queued and reports its own reason; its timer goes with it', async () => {
    const { link, seen, send, received, clock } = open(peer, own);
    send(hello(peer));
    await until(() => seen.verified.length === 1, 'seen.verified.length === 1');
    link.send(encodeFrame(encodeEnvelope(ping(9n))));
    link.close('going away');
    assert.equal(clock.pending, 1);
    await until(() => seen.closed.length === 1, 'seen.closed.length === 1');
    assert.deepEqual(seen.closed, ['going away']);
    assert.deepEqual(received.at(-1), ping(9n));
    assert.equal(clock.pending, 0);
  });
});
