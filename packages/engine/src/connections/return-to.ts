import type { TenantTx } from '@patchbay/db';
import { EngineError } from '../engine-error.ts';

/** The origin of an http(s) URL, or undefined. */
export function httpOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks that `returnTo` points at an origin the tenant allowed (or the server's own), so an
 * OAuth flow can never be used to send a user, with a connection id, somewhere else.
 */
export async function assertReturnToAllowed(tx: TenantTx, returnTo: string, ownOrigin: string): Promise<void> {
  const origin = httpOrigin(returnTo);
  if (origin === undefined) throw new EngineError('RETURN_TO_NOT_ALLOWED', 'returnTo must be an absolute http(s) URL');
  if (origin === ownOrigin) return;
  const org = await tx.selectFrom('organizations').select('allowed_return_origins').executeTakeFirst();
  if (!org?.allowed_return_origins.includes(origin)) {
    throw new EngineError('RETURN_TO_NOT_ALLOWED', `returnTo origin ${origin} is not in this organization's allowed return origins`);
  }
}
