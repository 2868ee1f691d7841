/**
 * IP addresses inside multiaddrs (spec/wire.md §10.2) as the node's policies see them: an
 * address's class (which offered addresses may be dialled, spec/routing.md §9.8; which count
 * in the per-range peer limit, §9.6) and its range, an IPv4 /24 or IPv6 /48 (the peer limit,
 * and the share of handshake slots one range may hold, spec/wire.md §10.6).
 */

/**
 * `public`: globally routable unicast; `private`: 10/8, 172.16/12, 192.168/16, 100.64/10 (shared),
 * fc00::/7; `loopback`: 127/8, ::1; `link-local`: 169.254/16, fe80::/10; `unspecified`: 0/8, ::;
 * `multicast`: 224/4, ff00::/8; `reserved`: 240/4 (with 255.255.255.255) and the rest of ::/96;
 * `name`: /dns, /dns4, /dns6; `memory`: the simulator's /memory/ addresses; `other`: anything else.
 */
export type AddressClass = 'public' | 'private' | 'loopback' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'name' | 'memory' | 'other';

type Ip = { readonly family: 4; readonly octets: readonly number[] } | { readonly family: 6; readonly groups: readonly number[] };

/** IPv4 blocks by class, as [first octet, second octet low, high]; the first that holds an address gives its class. */
const IPV4_BLOCKS: ReadonlyArray<readonly [AddressClass, number, number, number]> = [
  ['unspecified', 0, 0, 255],
  ['private', 10, 0, 255],
  ['private', 100, 64, 127],
  ['loopback', 127, 0, 255],
  ['link-local', 169, 254, 254],
  ['private', 172, 16, 31],
  ['private', 192, 168, 168],
];

function parseIpv4(text: string): number[] | undefined {
  const octets = text.split('.');
  if (octets.length !== 4 || octets.some((octet) => !/^\d{1,3}$/.test(octet) || Number(octet) > 255)) return undefined;
  return octets.map(Number);
}

/** The eight groups of an IPv6 address written with or without `::`, with or without a dotted IPv4 tail; undefined if malformed. */
function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (half: string, last: boolean): number[] | undefined => {
    if (half === '') return [];
    const parts = half.split(':');
    const tail = last ? parts.at(-1)! : '';
    const v4 = tail.includes('.') ? parseIpv4(tail) : undefined;
    if (tail.includes('.') && v4 === undefined) return undefined;
    const hex = v4 === undefined ? parts : parts.slice(0, -1);
    const groups = hex.map((group) => (/^[0-9a-f]{1,4}$/i.test(group) ? Number.parseInt(group, 16) : Number.NaN));
    if (v4 !== undefined) groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    return groups.some(Number.isNaN) ? undefined : groups;
  };
  const head = parse(halves[0]!, halves.length === 1);
  const tail = halves.length === 2 ? parse(halves[1]!, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

/** The IP address of a `/ip4/…` or `/ip6/…` multiaddr; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4 address. */
function parseIp(address: string): Ip | undefined {
  const [empty, protocol, host] = address.split('/');
  if (empty !== '' || host === undefined) return undefined;
  if (protocol === 'ip4') {
    const octets = parseIpv4(host);
    return octets === undefined ? undefined : { family: 4, octets };
  }
  if (protocol !== 'ip6') return undefined;
  const groups = parseIpv6(host);
  if (groups === undefined) return undefined;
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return { family: 4, octets: [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff] };
  }
  return { family: 6, groups };
}

function ipv4Class([first, second]: readonly number[]): AddressClass {
  if (first! >= 240) return 'reserved';
  if (first! >= 224) return 'multicast';
  return IPV4_BLOCKS.find(([, octet, low, high]) => first === octet && second! >= low && second! <= high)?.[0] ?? 'public';
}

function ipv6Class(groups: readonly number[]): AddressClass {
  const first = groups[0]!;
  if (groups.slice(0, 6).every((group) => group === 0)) {
    if (groups[6] === 0 && groups[7]! <= 1) return groups[7] === 0 ? 'unspecified' : 'loopback';
    return 'reserved';
  }
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xfe00) === 0xfc00) return 'private';
  return 'public';
}

/** The class of a multiaddr's address. */
export function addressClass(address: string): AddressClass {
  const ip = parseIp(address);
  if (ip !== undefined) return ip.family === 4 ? ipv4Class(ip.octets) : ipv6Class(ip.groups);
  if (/^\/dns[46]?\//.test(address)) return 'name';
  if (address.startsWith('/memory/')) return 'memory';
  return 'other';
}

/** The range of a multiaddr's IP address, whatever its class: `ip4/a.b.c` (its /24) or `ip6/g0:g1:g2` (its /48); undefined if it is not one. */
export function ipRange(address: string): string | undefined {
  const ip = parseIp(address);
  if (ip === undefined) return undefined;
  if (ip.family === 4) return `ip4/${ip.octets.slice(0, 3).join('.')}`;
  return `ip6/${ip.groups
    .slice(0, 3)
    .map((group) => group.toString(16))
    .join(':')}`;
}

/** The host part of a multiaddr (`/ip4/1.2.3.4/tcp/5` → `ip4/1.2.3.4`), IPv4-mapped IPv6 written as IPv4; undefined if it is not an IP address. */
export function ipHost(address: string): string | undefined {
  const ip = parseIp(address);
  if (ip === undefined) return undefined;
  return ip.family === 4 ? `ip4/${ip.octets.join('.')}` : `ip6/${ip.groups.map((group) => group.toString(16)).join(':')}`;
}
