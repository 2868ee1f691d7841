import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { noise } from '@chainsafe/libp2p-noise';
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { ComponentLogger, Listener, Logger as Libp2pLogger, MultiaddrConnection, PrivateKey, Upgrader } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { multiaddrConnectionPair } from '@libp2p/utils';
import { mintIdentity } from '../../../../protocol/identity-mint.js';
import { HandshakeError, InvalidAddressError } from '../../../../node/net/errors.js';
import { admitFirst, createNoise, createTcpSockets, NOISE_PROLOGUE, reusingSignatures, writeEachSendAtOnce } from '../../../../node/net/libp2p.js';
import { closeOf, socketTo } from '../../../support/bad-handshakes.js';
import { until } from '../../../support/until.js';

const quiet: Libp2pLogger = Object.assign(() => undefined, { error: () => undefined, trace: () => undefined, enabled: false, newScope: () => quiet });
const logger: ComponentLogger = { forComponent: () => quiet };

/** A plain libp2p Noise encrypter, as another program would run it. */
function foreignNoise(privateKey: PrivateKey, prologueBytes?: Uint8Array) {
  return noise(prologueBytes === undefined ? {} : { prologueBytes })({
    privateKey,
    peerId: peerIdFromPrivateKey(privateKey),
    logger,
    upgrader: {} as Upgrader,
  });
}

describe('libp2p, standalone', () => {
  describe('TCP addresses', () => {
    const sockets = createTcpSockets({ idleTimeoutMs: 0, onInbound: (connection) => connection.abort(new Error('unused')) });

    it('accepts TCP multiaddrs and gives them back in canonical form', () => {
      for (const address of ['/ip4/127.0.0.1/tcp/9301', '/ip6/::1/tcp/9301', '/dns4/seed.example/tcp/9301', '/dns/seed.example/tcp/1']) {
        assert.equal(sockets.parse(address).toString(), address);
      }
    });

    for (const address of [
      '127.0.0.1:9301',
      '/ip4/127.0.0.1/udp/9301',
      '/ip4/127.0.0.1',
      '/ip4/127.0.0.1/tcp/99999',
      '/ip4/127.0.0.1/tcp/9301/ws',
      '/ip4/127.0.0.1/tcp/9301/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA',
      '/unix/tmp%2Fwarren.sock',
      '',
    ]) {
      it(`refuses ${JSON.stringify(address)}`, () => {
        assert.throws(() => sockets.parse(address), InvalidAddressError);
      });
    }
  });

  describe('TCP connections', () => {
    it('a dial signal that fires once connected leaves the connection open', async () => {
      const accepted: MultiaddrConnection[] = [];
      const listening = createTcpSockets({ idleTimeoutMs: 0, onInbound: (connection) => void accepted.push(connection) });
      const listener = await listening.listen(listening.parse('/ip4/127.0.0.1/tcp/0'));
      const dialling = createTcpSockets({ idleTimeoutMs: 0, onInbound: () => undefined });
      const signal = new AbortController();
      const connection = await dialling.dial(listener.getAddrs()[0]!, signal.signal);
      signal.abort();
      await sleep(20);
      assert.equal(connection.status, 'open');
      connection.abort(new Error('done'));
      await listener.close();
      assert.equal(accepted.length, 1);
    });

    it('admission sees each accepted socket first: a refused one is closed and never handed over', async () => {
      const accepted: MultiaddrConnection[] = [];
      const hosts: string[] = [];
      let admitting = false;
      const listening = createTcpSockets({
        idleTimeoutMs: 0,
        admit: (host) => {
          hosts.push(host);
          return admitting;
        },
        onInbound: (connection) => void accepted.push(connection),
      });
      const listener = await listening.listen(listening.parse('/ip4/127.0.0.1/tcp/0'));
      const [address] = listener.getAddrs();
      const refused = await socketTo(address!.toString());
      await closeOf(refused);
      admitting = true;
      const connection = await createTcpSockets({ idleTimeoutMs: 0, onInbound: () => undefined }).dial(address!, AbortSignal.timeout(5000));
      await until(() => accepted.length === 1, 'the admitted connection');
      assert.deepEqual(hosts, ['/ip4/127.0.0.1', '/ip4/127.0.0.1']);
      connection.abort(new Error('done'));
      await listener.close();
    });

    it('admission refuses a listener without the server it guards', () => {
      assert.throws(() => admitFirst({} as Listener, () => true), TypeError);
    });

    it('an aborted dial signal refuses at once', async () => {
      const sockets = createTcpSockets({ idleTimeoutMs: 0, onInbound: () => undefined });
      const reason = new Error('not now');
      await assert.rejects(sockets.dial(sockets.parse('/ip4/127.0.0.1/tcp/9'), AbortSignal.abort(reason)), (error) => error === reason);
    });
  });

  describe('writes', () => {
    it('a Noise-secured send leaves in one writev: the message lengths and ciphertexts together', async () => {
      const accepted: MultiaddrConnection[] = [];
      const listening = createTcpSockets({ idleTimeoutMs: 0, onInbound: (connection) => void accepted.push(connection) });
      const listener = await listening.listen(listening.parse('/ip4/127.0.0.1/tcp/0'));
      const outbound = await createTcpSockets({ idleTimeoutMs: 0, onInbound: () => undefined }).dial(listener.getAddrs()[0]!, AbortSignal.timeout(5000));
      await until(() => accepted.length === 1, 'accepted.length === 1');
      const signal = AbortSignal.timeout(5000);
      const [a, b] = [await mintIdentity({ difficulty: 0 }), await mintIdentity({ difficulty: 0 })];
      const [secured, other] = await Promise.all([createNoise(a)(outbound, true, signal), createNoise(b)(accepted[0]!, false, signal)]);
      let received = 0;
      other.stream.addEventListener('message', (event) => (received += event.data.byteLength));
      const socket = (outbound as unknown as { socket: { _write: unknown; _writev: unknown } }).socket;
      const calls = { write: 0, writev: 0 };
      for (const name of ['_write', '_writev'] as const) {
        const original = socket[name] as (...args: unknown[]) => unknown;
        socket[name] = function (this: unknown, ...args: unknown[]) {
          calls[name === '_write' ? 'write' : 'writev']++;
          return original.apply(this, args);
        };
      }
      // Two Noise messages (at most 65535 bytes each), each a 2-byte length and its ciphertext.
      secured.stream.send(new Uint8Array(100_000).fill(7));
      await until(() => received === 100_000, 'received === 100_000');
      assert.deepEqual(calls, { write: 0, writev: 1 });
      outbound.abort(new Error('done'));
      await listener.close();
    });

    it('refuses a connection without the internals it writes through', () => {
      assert.throws(() => writeEachSendAtOnce({} as MultiaddrConnection), TypeError);
    });
  });

  describe('Noise XX', () => {
    it('authenticates both sides by their Ed25519 identity keys', async () => {
      const [a, b] = [await mintIdentity({ difficulty: 0 }), await mintIdentity({ difficulty: 0 })];
      const [outbound, inbound] = multiaddrConnectionPair();
      const signal = AbortSignal.timeout(5000);
      const [fromA, fromB] = await Promise.all([createNoise(a)(outbound, true, signal), createNoise(b)(inbound, false, signal)]);
      assert.deepEqual(fromA.remotePublicKey, b.publicKey);
      assert.deepEqual(fromB.remotePublicKey, a.publicKey);
      const received = new Promise<Uint8Array>((resolve) => fromB.stream.addEventListener('message', (event) => resolve(event.data.subarray())));
      fromA.stream.send(Uint8Array.of(1, 2, 3));
      assert.deepEqual(await received, Uint8Array.of(1, 2, 3));
    });

    it('refuses a peer whose libp2p identity is not an Ed25519 key', async () => {
      const ours = await mintIdentity({ difficulty: 0 });
      const [outbound, inbound] = multiaddrConnectionPair();
      const signal = AbortSignal.timeout(5000);
      const theirs = foreignNoise(await generateKeyPair('secp256k1'), NOISE_PROLOGUE);
      const [result] = await Promise.allSettled([
        createNoise(ours)(outbound, true, signal),
        theirs.secureInbound(inbound, { signal, skipStreamMuxerNegotiation: true }),
      ]);
      assert.equal(result.status, 'rejected');
      assert.ok(result.reason instanceof HandshakeError);
      assert.match(result.reason.message, /secp256k1 key, not Ed25519/);
    });

    it('fails against a libp2p peer without the Warren prologue', async () => {
      const ours = await mintIdentity({ difficulty: 0 });
      const [outbound, inbound] = multiaddrConnectionPair();
      const signal = AbortSignal.timeout(5000);
      const theirs = foreignNoise(await generateKeyPair('Ed25519')).secureInbound(inbound, { signal, skipStreamMuxerNegotiation: true });
      // The responder's first message no longer decrypts for us: the handshake hashes differ.
      await assert.rejects(createNoise(ours)(outbound, true, signal));
      outbound.abort(new Error('done'));
      await assert.rejects(theirs);
    });

    it('signs its static key once, however many handshakes it makes', async () => {
      const key = await generateKeyPair('Ed25519');
      let signed = 0;
      const counting = Object.assign(Object.create(key) as PrivateKey, {
        sign: (data: Uint8Array) => {
          signed++;
          return key.sign(data);
        },
      });
      const reusing = reusingSignatures(counting);
      const message = new TextEncoder().encode('noise-libp2p-static-key:0123');
      const first = await reusing.sign(message);
      assert.deepEqual(await reusing.sign(Uint8Array.from(message)), first);
      assert.equal(signed, 1);
      assert.equal(key.publicKey.verify(message, first), true);
      const other = new TextEncoder().encode('another message');
      assert.equal(key.publicKey.verify(other, await reusing.sign(other)), true);
      assert.equal(signed, 2);
      assert.equal(reusing.publicKey, key.publicKey);
    });
  });
});
