/**
 * @module Name resolution that vets every answer. A host a tenant chose is resolved once; if any
 * of its addresses is internal the whole answer is refused, and otherwise the caller connects to
 * one of exactly those addresses. Checking one answer and connecting with another (DNS
 * rebinding) is therefore impossible.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { isInternalAddress } from './internal-address.ts';

/** Node's `dns.lookup` shape, as `net.connect` and undici's `connect.lookup` call it. */
export type LookupFunction = (
  hostname: string,
  options: { all: true; family?: number | undefined },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export interface EgressOptions {
  /** Allow internal addresses (development). Default false. */
  allowPrivate?: boolean | undefined;
  /** The resolver (default `dns.lookup`); tests inject one they control. */
  lookup?: LookupFunction | undefined;
}

/** A tenant-chosen host resolved to an internal address (or not at all). The message is fixed. */
export class EgressRefusedError extends Error {
  override readonly name = 'EgressRefusedError';
  readonly code: 'EGRESS_INTERNAL' | 'EGRESS_UNRESOLVED';
  constructor(code: 'EGRESS_INTERNAL' | 'EGRESS_UNRESOLVED') {
    super(code === 'EGRESS_INTERNAL' ? 'the host resolves to an internal address' : 'the host does not resolve');
    this.code = code;
  }
}

const systemLookup: LookupFunction = (hostname, options, callback) => dnsLookup(hostname, options, callback);

/** Every address of `host` (a literal IP is its own answer), refused if any one is internal. */
export function resolveVetted(host: string, options: EgressOptions = {}): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  const answer: Promise<LookupAddress[]> =
    family !== 0
      ? Promise.resolve([{ address: bare, family }])
      : new Promise((resolve) =>
          (options.lookup ?? systemLookup)(bare, { all: true }, (error, addresses) => resolve(error ? [] : addresses)),
        );
  return answer.then((addresses) => {
    if (addresses.length === 0) throw new EgressRefusedError('EGRESS_UNRESOLVED');
    if (!options.allowPrivate && addresses.some((a) => isInternalAddress(a.address))) throw new EgressRefusedError('EGRESS_INTERNAL');
    return addresses;
  });
}

/**
 * A `lookup` for `net.connect` / undici's `connect.lookup`: answers only vetted addresses, in
 * whichever form the caller asked for (one address, or all of them).
 */
export function vettedLookup(options: EgressOptions = {}) {
  return (
    hostname: string,
    lookupOptions: { all?: boolean | undefined; family?: number | string | undefined } | number | undefined,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const all = typeof lookupOptions === 'object' && lookupOptions?.all === true;
    resolveVetted(hostname, options).then(
      (addresses) => {
        const first = addresses[0] as LookupAddress;
        if (all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: EgressRefusedError) => callback(Object.assign(error, { errno: undefined }), all ? [] : '', 4),
    );
  };
}

/** The refusal behind an error (fetch wraps it as `cause`), if that is what it was. */
export function egressRefusal(error: unknown): EgressRefusedError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof EgressRefusedError) return e;
  }
  return undefined;
}
