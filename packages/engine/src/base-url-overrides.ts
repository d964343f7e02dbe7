/**
 * @module Per-deployment base URLs: a connector whose API lives on a sandbox or a local mock
 * (`defineConfig({ baseUrls: { 'acme-crm': ['http://127.0.0.1:4010'] } })` or
 * `PATCHBAY_BASE_URLS=acme-crm=http://127.0.0.1:4010`) is called there instead of at its
 * declared hosts. The override replaces the connector's allow-list too, so the SSRF guard
 * still holds: only the hosts the operator named are reachable. In production a loopback,
 * private or link-local host is refused, as a stray development setting would be.
 */
import { isIP } from 'node:net';
import type { AnyConnector } from '@patchbay/sdk';
import { isInternalAddress } from '@patchbay/sdk';

/** Why an override cannot be used, or undefined when it can. */
export function refusedBaseUrl(url: string, production: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `"${url}" is not an http(s) URL`;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const internal = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isInternalAddress(host));
  if (production && internal) return `"${url}" is a private host, refused when NODE_ENV=production`;
  return undefined;
}

/** The connector with its base URLs replaced; every other property (including SDK markers) kept. */
export function withBaseUrls<C extends AnyConnector>(connector: C, baseUrls: readonly string[]): C {
  const descriptors = Object.getOwnPropertyDescriptors(connector);
  descriptors.baseUrls = { value: Object.freeze([...baseUrls]), enumerable: true, writable: false, configurable: true };
  return Object.create(Object.getPrototypeOf(connector), descriptors) as C;
}

/**
 * Parses `PATCHBAY_BASE_URLS`: `id=url[ url...][,id=url...]`, e.g.
 * `acme-crm=http://127.0.0.1:4010,billing=https://sandbox.billing.example`.
 */
export function parseBaseUrlsEnv(value: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const entry of (value ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const at = entry.indexOf('=');
    const id = entry.slice(0, at).trim();
    const urls = entry
      .slice(at + 1)
      .split(/\s+/)
      .filter(Boolean);
    if (at < 1 || urls.length === 0) throw new Error(`PATCHBAY_BASE_URLS entry "${entry.trim()}" is not id=url`);
    out[id] = urls;
  }
  return out;
}
