/**
 * @module An undici dispatcher for requests to tenant-chosen hosts. Names are resolved through
 * `vettedLookup` at connect time, so the socket goes to an address that was checked; literal IP
 * hosts (which `net.connect` never looks up) are checked before connecting.
 */
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { isInternalAddress } from './internal-address.ts';
import { type EgressOptions, EgressRefusedError, vettedLookup } from './vetted-lookup.ts';

export interface EgressAgentOptions extends EgressOptions {
  /** Connect timeout in ms (undici's default otherwise). */
  connectTimeoutMs?: number | undefined;
}

export function createEgressAgent(options: EgressAgentOptions = {}): Agent {
  const connector = buildConnector({
    lookup: vettedLookup(options),
    ...(options.connectTimeoutMs !== undefined ? { timeout: options.connectTimeoutMs } : {}),
  });
  return new Agent({
    connect: (connectOptions, callback) => {
      const host = connectOptions.hostname.replace(/^\[|\]$/g, '');
      if (!options.allowPrivate && isIP(host) !== 0 && isInternalAddress(host)) {
        callback(new EgressRefusedError('EGRESS_INTERNAL'), null);
        return;
      }
      connector(connectOptions, callback);
    },
  });
}
