/**
 * @module Which IP addresses a tenant-chosen host may not reach: loopback, private (RFC 1918),
 * CGNAT, link-local (cloud metadata lives there: 169.254.169.254, fd00:ec2::254), unique-local,
 * multicast, reserved and unspecified, including the IPv4-mapped and IPv4-compatible IPv6 forms
 * of all of them. One list, used by webhook delivery and by connectors that take a host.
 */
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or -compatible (::a.b.c.d) form. */
function embeddedIpv4(address: string): string | undefined {
  // The URL parser normalizes every spelling (::ffff:127.0.0.1, ::ffff:7f00:1, 0::ffff:...) to hex.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const match = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!match) return undefined;
  const high = Number.parseInt(match[1] as string, 16);
  const low = Number.parseInt(match[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True for anything that is not a public unicast IP address (a name is not an address: true). */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return true;
  if (family === 4) return internal.check(bare, 'ipv4');
  const v4 = embeddedIpv4(bare);
  if (v4 !== undefined) return internal.check(v4, 'ipv4');
  return internal.check(bare, 'ipv6');
}
