/**
 * @module Where a webhook may be delivered. A tenant chooses the URL, so in production a
 * delivery to a loopback, private, link-local or otherwise internal address is refused (the
 * host is resolved first), unless the operator allows private destinations. The check runs at
 * delivery time, not only at creation, because DNS answers change.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
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
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, 'ipv4');
  return internal.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** Undefined when the URL may be called; otherwise why not, in words safe to store and show. */
export async function refusedDestination(url: string): Promise<string | undefined> {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'the webhook URL is not valid';
  }
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (list) => list.map((a) => a.address),
        () => [],
      );
  if (addresses.length === 0) return 'the webhook host does not resolve';
  if (addresses.some(isInternalAddress)) return 'the webhook host resolves to an internal address';
  return undefined;
}
