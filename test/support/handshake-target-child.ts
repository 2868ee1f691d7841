/**
 * The node under attack, in a process of its own (forked by handshake-target.ts, which
 * describes the messages): a real Node on a TcpTransport on loopback, with a MemoryBlockStore
 * of fresh blocks, logging why it refused each connection.
 */
import '../../node/polyfills.js';
import { toHex } from '../../protocol/bytes.js';
import { randomBytes } from '../../protocol/crypto.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { CHK_MAX_CONTENT_BYTES, encodeChk } from '../../protocol/keys/chk.js';
import { CryptoRng, type Logger, SystemClock } from '../../node/components.js';
import { TcpTransport } from '../../node/net/tcp-transport.js';
import { Node } from '../../node/node.js';
import { MemoryBlockStore } from '../../store/memory-block-store.js';
import type { TargetReply, TargetRequest } from './handshake-target.js';

/** Keeps the transport's refusals: what the test checks the node said, and why. */
class RefusalLog implements Logger {
  readonly refusedLinks: string[] = [];
  readonly refusedAccepts: string[] = [];
  debug(): void {}
  info(fields: object, message: string): void {
    const { reason, code } = fields as { reason?: unknown; code?: unknown };
    if (message === 'link refused') this.refusedLinks.push(String(reason));
    if (message.startsWith('inbound connection refused') || message === 'handshake in progress evicted') this.refusedAccepts.push(String(code));
  }
  warn(): void {}
  isLevelEnabled(): boolean {
    return true;
  }
  child(): Logger {
    return this;
  }
}

const log = new RefusalLog();
let running: { node: Node; transport: TcpTransport } | undefined;
let mostPendingHandshakes = 0;
const reply = (message: TargetReply) => process.send!(message);

process.on('message', async (message: TargetRequest) => {
  switch (message.type) {
    case 'start': {
      const identity = await mintIdentity({ difficulty: message.difficulty });
      const clock = new SystemClock();
      const transport = new TcpTransport(
        { identity, clock, logger: log },
        { listen: ['/ip4/127.0.0.1/tcp/0'], powDifficulty: message.difficulty, handshakeTimeoutMs: message.handshakeTimeoutMs },
      );
      const store = new MemoryBlockStore({}, { nodeLocation: identity.location });
      const node = new Node({ transport, store, clock, rng: new CryptoRng() }, { location: identity.location });
      await node.start();
      running = { node, transport };
      const keys: string[] = [];
      for (let i = 0; i < message.blocks; i++) {
        const { routingKey, block } = encodeChk(randomBytes(CHK_MAX_CONTENT_BYTES));
        await store.put(routingKey, block, { partition: 'store' });
        keys.push(toHex(routingKey));
      }
      return reply({ type: 'started', address: transport.addresses[0]!, keys });
    }
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      return reply({ type: 'cpu', micros: user + system });
    }
    case 'watch': {
      const { transport } = running!;
      setInterval(() => (mostPendingHandshakes = Math.max(mostPendingHandshakes, transport.pendingHandshakes)), 2).unref();
      return reply({ type: 'watching' });
    }
    case 'state':
      return reply({
        type: 'state',
        peers: running?.node.peers.size ?? 0,
        refusedLinks: [...log.refusedLinks],
        refusedAccepts: [...log.refusedAccepts],
        closedAtAccept: running?.transport.refusedAccepts ?? 0,
        mostPendingHandshakes,
      });
    case 'stop':
      await running?.node.stop();
      process.exit(0);
  }
});
