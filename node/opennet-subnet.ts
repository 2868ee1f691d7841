/**
 * Address ranges for the per-range peer limit (spec/routing.md §9.6): a public IPv4 address
 * belongs to its /24, a public IPv6 address to its /48. Loopback, private, link-local,
 * in-process (`/memory/`) and name-based addresses belong to no range: they say nothing
 * about who runs a node (every home network has a 192.168.1.0/24), so they are not limited.
 */

/** IPv4 ranges that are not public, as [first octet, second octet low, high]: 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.168/16. */
const NON_PUBLIC_IPV4: ReadonlyArray<readonly [number, number, number]> = [
  [0, 0, 255],
  [10, 0, 255],
  [100, 64, 127],
  [127, 0, 255],
  [169, 254, 254],
  [172, 16, 31],
  [192, 168, 168],
];

/** The first eight groups of an IPv6 address written with or without `::`; undefined if malformed. */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups = half.split(':').map((group) => (/^[0-9a-f]{1,4}$/i.test(group) ? Number.parseInt(group, 16) : Number.NaN));
    return groups.some(Number.isNaN) ? undefined : groups;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

/**
 * The range an address is limited in: `ip4/a.b.c` (its /24) or `ip6/g0:g1:g2` (its /48);
 * undefined for loopback and for addresses that are not IP addresses.
 */
export function addressRange(address: string): string | undefined {
  const [, protocol, host] = address.split('/');
  if (protocol === 'ip4') {
    const octets = host?.split('.') ?? [];
    if (octets.length !== 4 || octets.some((octet) => !/^\d{1,3}$/.test(octet) || Number(octet) > 255)) return undefined;
    const [first, second] = octets.map(Number) as [number, number];
    if (NON_PUBLIC_IPV4.some(([octet, low, high]) => first === octet && second >= low && second <= high)) return undefined;
    return `ip4/${octets.slice(0, 3).map(Number).join('.')}`;
  }
  if (protocol === 'ip6' && host !== undefined) {
    const groups = ipv6Groups(host);
    // Unspecified, loopback, unique local (fc00::/7) and link-local (fe80::/10) addresses.
    if (groups === undefined || groups.slice(0, 7).every((group) => group === 0) || (groups[0]! & 0xfe00) === 0xfc00 || (groups[0]! & 0xffc0) === 0xfe80)
      return undefined;
    return `ip6/${groups
      .slice(0, 3)
      .map((group) => group.toString(16))
      .join(':')}`;
  }
  return undefined;
}

/** The range of the first address of a node that has one (the one it is reached at). */
export function nodeRange(addresses: readonly string[]): string | undefined {
  for (const address of addresses) {
    const range = addressRange(address);
    if (range !== undefined) return range;
  }
  return undefined;
}
