/**
 * @module The cookie that lets the end user who just connected through a connect link choose the
 * account (`discover`) on /connect/account: the link's token is spent by then, and the end user
 * has no Patchbay session. It names the tenant and connection in clear and seals the integrator's
 * `returnTo` and an expiry with the key ring, bound to both, so it cannot be forged or moved to
 * another connection. It only works while the connection still has no account chosen.
 */
import { type KeyRing, openJson, sealJson } from '@patchbay/auth';
import { isUuid } from '@patchbay/db';

const PURPOSE = 'connect.account_choice';
const NAMES = ['__Host-patchbay_account', 'patchbay_account'] as const;
export const ACCOUNT_CHOICE_TTL_MS = 15 * 60_000;

export interface AccountChoice {
  tenantId: string;
  connectionId: string;
  returnTo: string;
}

const cookieName = (secure: boolean) => (secure ? NAMES[0] : NAMES[1]);

function serialize(secure: boolean, value: string, maxAgeSeconds: number): string {
  // Lax: set on the OAuth callback, which the provider's cross-site redirect reaches. `__Host-`
  // requires Path=/; on http development hosts it is kept to the connect pages.
  const path = secure ? '/' : '/connect';
  const attrs = [`${cookieName(secure)}=${value}`, `Path=${path}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  return (secure ? [...attrs, 'Secure'] : attrs).join('; ');
}

export function setAccountChoiceCookie(ring: KeyRing, secure: boolean, choice: AccountChoice): string {
  const context = { tenantId: choice.tenantId, recordId: choice.connectionId, purpose: PURPOSE };
  const sealed = sealJson(ring, { returnTo: choice.returnTo, exp: Date.now() + ACCOUNT_CHOICE_TTL_MS }, context);
  return serialize(secure, `${choice.tenantId}.${choice.connectionId}.${sealed}`, ACCOUNT_CHOICE_TTL_MS / 1000);
}

export const clearAccountChoiceCookie = (secure: boolean) => serialize(secure, '', 0);

/** The choice this browser may make, or undefined (absent, forged, expired, or sealed with a key no longer in the ring). */
export function readAccountChoiceCookie(ring: KeyRing, secure: boolean, cookieHeader: string | undefined): AccountChoice | undefined {
  const name = cookieName(secure);
  const raw = cookieHeader
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`))
    ?.slice(name.length + 1);
  if (!raw) return undefined;
  const [tenantId = '', connectionId = '', ...rest] = raw.split('.');
  if (!isUuid(tenantId) || !isUuid(connectionId)) return undefined;
  try {
    const sealed = openJson<{ returnTo: string; exp: number }>(ring, rest.join('.'), {
      tenantId,
      recordId: connectionId,
      purpose: PURPOSE,
    });
    return sealed.exp > Date.now() ? { tenantId, connectionId, returnTo: sealed.returnTo } : undefined;
  } catch {
    return undefined;
  }
}
