/**
 * What a node receives from its neighbour over real TCP for a request or insert the neighbour
 * started and for one it relays (spec/routing.md §2.1): the same messages, in the same order, with
 * the same fields. Nodes A – B – C on loopback; C records every envelope B sends it; B starts one
 * request and one insert of its own and relays one of each from A.
 */
import assert from 'node:assert/strict';
import { CryptoRng, silentLogger, SystemClock } from '../../node/components.js';
import type { HtlPolicy } from '../../node/htl.js';
import { TcpTransport } from '../../node/net/tcp-transport.js';
import { Node } from '../../node/node.js';
import type { PeerId } from '../../node/transport.js';
import { mintIdentity } from '../../protocol/identity-mint.js';
import { encodeChk } from '../../protocol/keys/chk.js';
import type { Envelope, WireMessage } from '../../protocol/wire/messages.js';
import { MemoryBlockStore } from '../../store/memory-block-store.js';
import { useTeardown } from '../support/teardown.js';
import { until } from '../support/until.js';

const DIFFICULTY = 8;
/**
 * Design v2 with every link keeping the maximum HTL: both transactions then reach C at HTL 18. (With the
 * default, B's link to C sends 17 for both whenever it decrements; which one C sees is the link's draw, not
 * the sender's position.)
 */
const KEEP_MAX: HtlPolicy = { decrementAtMax: 0, mixAtMax: true };

interface Member {
  readonly node: Node;
  readonly transport: TcpTransport;
  readonly store: MemoryBlockStore;
}

/** Everything of an envelope but its tx, with keys and blocks reduced to their lengths: what could tell two apart. */
function shape(body: WireMessage): object {
  const fields: Record<string, unknown> = { ...body };
  for (const [name, value] of Object.entries(fields)) if (value instanceof Uint8Array) fields[name] = `${value.length} bytes`;
  return fields;
}

describe('what a neighbour receives for a request or insert its sender started and for one it relays (TCP)', function () {
  this.timeout(120_000);
  const defer = useTeardown();

  async function start(onMessage?: (from: PeerId, envelope: Envelope) => void): Promise<Member> {
    const identity = await mintIdentity({ difficulty: DIFFICULTY });
    const clock = new SystemClock();
    const transport = new TcpTransport({ identity, clock, logger: silentLogger }, { listen: ['/ip4/127.0.0.1/tcp/0'], powDifficulty: DIFFICULTY });
    if (onMessage !== undefined) {
      const startTransport = transport.start.bind(transport);
      transport.start = (handlers) =>
        startTransport({
          ...handlers,
          message: (from, envelope) => {
            onMessage(from, envelope);
            handlers.message(from, envelope);
          },
        });
    }
    const store = new MemoryBlockStore({}, { nodeLocation: identity.location });
    const node = new Node({ transport, store, clock, rng: new CryptoRng() }, { location: identity.location, htlPolicy: KEEP_MAX });
    await node.start();
    defer(() => node.stop());
    return { node, transport, store };
  }

  it('gets the same messages with the same fields from a sender that started them as from one that relays them', async () => {
    // C's only link is to B: everything it receives comes from B.
    const fromB = new Map<bigint, Envelope[]>();
    const c = await start((_from, envelope) => fromB.set(envelope.tx, [...(fromB.get(envelope.tx) ?? []), envelope]));
    const b = await start();
    const a = await start();
    await b.transport.dial(a.transport.addresses[0]!);
    await b.transport.dial(c.transport.addresses[0]!);
    await until(() => b.node.peers.size === 2 && a.node.peers.size === 1 && c.node.peers.size === 1, 'A – B – C linked');

    // Requests: C holds both blocks; B asks for one, A for the other through B.
    const [own, relayed] = ['started by B', 'relayed by B'].map((text) => encodeChk(new TextEncoder().encode(text)));
    for (const chk of [own!, relayed!]) await c.store.put(chk.routingKey, chk.block, { partition: 'store' });
    assert.deepEqual(await b.node.request(own!.routingKey), own!.block);
    assert.deepEqual(await a.node.request(relayed!.routingKey), relayed!.block);
    // Inserts: B inserts one block, A another through B.
    const [ownInsert, relayedInsert] = ['inserted by B', 'inserted through B'].map((text) => encodeChk(new TextEncoder().encode(text)));
    await b.node.insert(ownInsert!.routingKey, ownInsert!.block);
    await a.node.insert(relayedInsert!.routingKey, relayedInsert!.block);
    await until(() => [...fromB.values()].filter(([first]) => first!.body.type.endsWith('Request')).length === 4, 'four transactions seen by C');

    const byKey = (key: Uint8Array): object[] => {
      const found = [...fromB.values()].find((envelopes) => {
        const { body } = envelopes[0]!;
        return (body.type === 'dataRequest' || body.type === 'insertRequest') && Buffer.from(body.routingKey).equals(key);
      });
      assert.ok(found !== undefined, 'C saw the transaction');
      return found.map(({ body }) => shape(body));
    };
    const ownRequest = byKey(own!.routingKey);
    assert.deepEqual(ownRequest, byKey(relayed!.routingKey));
    assert.deepEqual(ownRequest, [{ type: 'dataRequest', keyType: 'chk', routingKey: '32 bytes', htl: 18 }]);
    const ownInsertSeen = byKey(ownInsert!.routingKey);
    assert.deepEqual(ownInsertSeen, byKey(relayedInsert!.routingKey));
    assert.deepEqual(
      ownInsertSeen.map((fields) => (fields as { type: string }).type),
      ['insertRequest', 'insertData'],
    );
  });
});
