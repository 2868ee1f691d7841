/**
 * Fixtures for opennet tests on a MemoryNetwork: real nodes with an identity whose
 * proof (zero nonce, difficulty 0, as MemoryNetwork's NodeRefs carry) also gives the
 * location they sit at, so announcements route where the node really is.
 */
import assert from 'node:assert/strict';
import { Node, type NodeInit } from '../../node/node.js';
import { checkIdentityProof } from '../../protocol/identity.js';
import type { VirtualClock } from '../../sim/clock.js';
import type { MemoryNetwork, MemoryTransport } from '../../sim/memory-network.js';
import type { SeededRng } from '../../sim/rng.js';
import { MemoryBlockStore } from '../../store/memory-block-store.js';

export interface OpennetMember {
  readonly node: Node;
  readonly transport: MemoryTransport;
  readonly store: MemoryBlockStore;
  readonly location: number;
}

/** A 32-byte public key drawn from `rng`. */
export function drawPublicKey(rng: SeededRng): Uint8Array {
  const publicKey = new Uint8Array(32);
  const words = new DataView(publicKey.buffer);
  for (let offset = 0; offset < 32; offset += 8) words.setBigUint64(offset, rng.nextU64());
  return publicKey;
}

/** Starts a node with a drawn key, at the location its proof gives, with proof-of-work difficulty 0. */
export async function startOpennetNode(
  sim: { readonly clock: VirtualClock; readonly rng: SeededRng; readonly network: MemoryNetwork },
  label: string,
  init: Partial<NodeInit> = {},
): Promise<OpennetMember> {
  const publicKey = drawPublicKey(sim.rng);
  const powNonce = new Uint8Array(8);
  const check = checkIdentityProof({ publicKey, nonce: powNonce }, 0);
  assert.ok(check.valid);
  const { location } = check;
  const transport = sim.network.createTransport({ location, publicKey });
  const store = new MemoryBlockStore({}, { nodeLocation: location });
  const node = new Node(
    { transport, store, clock: sim.clock, rng: sim.rng.fork(`node/${label}`) },
    { powDifficulty: 0, ...init, location, identity: { publicKey, powNonce } },
  );
  await node.start();
  return { node, transport, store, location };
}
