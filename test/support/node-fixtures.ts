/**
 * Fixtures for node tests on a MemoryNetwork: blocks whose key sits near a chosen
 * ring location, and misbehaving peers (a black hole and a poisoner) built from bare
 * transports, so the real nodes around them are tested as they are.
 */
import { type ChkBlock, encodeChk } from '../../protocol/keys/chk.js';
import { keyLocation } from '../../protocol/location.js';
import { circularDistance } from '../../protocol/location.js';
import type { MemoryNetwork, MemoryTransport } from '../../sim/memory-network.js';

/** A CHK block whose routing key lies within `tolerance` of `location`. */
export function chkNear(location: number, tolerance = 0.01, label = 'near'): ChkBlock {
  for (let attempt = 0; ; attempt++) {
    const chk = encodeChk(new TextEncoder().encode(`${label} ${location} ${attempt}`));
    if (circularDistance(keyLocation(chk.routingKey), location) <= tolerance) return chk;
  }
}

/** A peer that accepts requests and never answers. */
export async function blackHole(network: MemoryNetwork, location: number, { accepting = false } = {}): Promise<MemoryTransport> {
  const transport = network.createTransport({ location });
  await transport.start({
    peerConnected: () => undefined,
    peerDisconnected: () => undefined,
    // An accepting black hole takes each request on (RequestAccepted), then says nothing more.
    message: (from, { tx, body }) => accepting && body.type === 'dataRequest' && transport.send(from, { tx, body: { type: 'requestAccepted' } }),
  });
  return transport;
}

/**
 * A peer that claims the two answers nobody can check: DataNotFound to every request, "stored" to
 * every insert (it accepts the insert, takes the block and keeps nothing): an eclipse attacker.
 */
export async function denier(network: MemoryNetwork, location: number): Promise<MemoryTransport> {
  const transport = network.createTransport({ location });
  await transport.start({
    peerConnected: () => undefined,
    peerDisconnected: () => undefined,
    message: (from, { tx, body }) => {
      if (body.type === 'dataRequest') transport.send(from, { tx, body: { type: 'dataNotFound' } });
      if (body.type === 'insertRequest') transport.send(from, { tx, body: { type: 'insertAccepted' } });
      if (body.type === 'insertData') transport.send(from, { tx, body: { type: 'insertReply', outcome: 'stored' } });
    },
  });
  return transport;
}

/** A peer that answers every request with a well-formed block that does not match the key. */
export async function poisoner(network: MemoryNetwork, location: number): Promise<MemoryTransport> {
  const transport = network.createTransport({ location });
  const fake = encodeChk(new TextEncoder().encode('poison')).block;
  await transport.start({
    peerConnected: () => undefined,
    peerDisconnected: () => undefined,
    message: (from, { tx, body }) => {
      if (body.type === 'dataRequest') transport.send(from, { tx, body: { type: 'dataFound', block: fake } });
    },
  });
  return transport;
}
