/**
 * @module Which address a request came from, for throttling. The socket's peer, unless that peer
 * is a proxy named in `PATCHBAY_TRUSTED_PROXIES`: then `X-Forwarded-For` is read from the right,
 * skipping hops that are themselves trusted proxies, and the first untrusted hop is the client.
 * Hops left of it were written by the client and could say anything, so they are never used.
 */
import { BlockList, isIP } from 'node:net';

/** CIDRs (IPv4 or IPv6; a bare address means one host) of proxies allowed to name the client. */
export type TrustedProxies = BlockList;

/** Parses a comma-separated CIDR list; throws with the bad entry named. */
export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  const blocks = new BlockList();
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', prefixText] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (
      family === 0 ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > max ||
      (prefixText !== undefined && !/^\d+$/.test(prefixText))
    ) {
      throw new Error(`not a CIDR: ${entry}`);
    }
    blocks.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return blocks;
}

/** `::ffff:1.2.3.4` (a dual-stack socket's IPv4 peer) as `1.2.3.4`; brackets and ports dropped. */
function normalize(address: string): string {
  let a = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed?.[1]) a = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  return mapped?.[1] ?? a;
}

function isTrusted(proxies: TrustedProxies, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The client's address given the socket peer and the `X-Forwarded-For` header, if any. */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, proxies: TrustedProxies): string {
  if (!peer) return 'unknown';
  let client = normalize(peer);
  if (!isTrusted(proxies, client) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map(normalize).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? '';
    // Garbage where an address should be: stop at the last hop we could vouch for.
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!isTrusted(proxies, hop)) return hop;
  }
  return client;
}
