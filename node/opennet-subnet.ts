/**
 * Address ranges for the per-range peer limit (spec/routing.md §9.6): a public IPv4 address
 * belongs to its /24, a public IPv6 address to its /48. Loopback, private, link-local,
 * in-process (`/memory/`) and name-based addresses belong to no range: they say nothing
 * about who runs a node (every home network has a 192.168.1.0/24), so they are not limited.
 */
import { addressClass, ipRange } from './ip-address.js';

/** The range an address is limited in: `ip4/a.b.c` (its /24) or `ip6/g0:g1:g2` (its /48); undefined unless it is public. */
export function addressRange(address: string): string | undefined {
  return addressClass(address) === 'public' ? ipRange(address) : undefined;
}

/** The range of the first address of a node that has one (the one it is reached at). */
export function nodeRange(addresses: readonly string[]): string | undefined {
  for (const address of addresses) {
    const range = addressRange(address);
    if (range !== undefined) return range;
  }
  return undefined;
}
