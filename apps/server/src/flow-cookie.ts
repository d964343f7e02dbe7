/**
 * @module The cookie that binds an OAuth flow to the browser that began it: set by
 * `/oauth/:connectorId/authorize`, required and cleared by `/oauth/callback`. `__Host-` over
 * https (it cannot be set by a sibling subdomain or over http), plain on http development
 * hosts, where browsers refuse the prefix. SameSite=Lax, because the provider's redirect back
 * is a cross-site top-level GET, which Lax still sends. One flow per browser at a time: a newer
 * flow's cookie replaces an older one's.
 */
import { FLOW_TTL_MS } from '@patchbay/engine';

const NAMES = ['__Host-patchbay_oauth', 'patchbay_oauth'] as const;

export const flowCookieName = (secure: boolean) => (secure ? NAMES[0] : NAMES[1]);

function serialize(secure: boolean, value: string, maxAgeSeconds: number): string {
  const attrs = [`${flowCookieName(secure)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  return (secure ? [...attrs, 'Secure'] : attrs).join('; ');
}

/** Set-Cookie for a new flow: lives as long as the flow may. */
export const setFlowCookie = (secure: boolean, binding: string) => serialize(secure, binding, Math.floor(FLOW_TTL_MS / 1000));

/** Set-Cookie that removes it once the callback has used it. */
export const clearFlowCookie = (secure: boolean) => serialize(secure, '', 0);

/** The binding the browser sent, under the name this deployment's scheme uses. */
export function readFlowCookie(cookieHeader: string | undefined, secure: boolean): string | undefined {
  if (!cookieHeader) return undefined;
  const name = flowCookieName(secure);
  for (const part of cookieHeader.split(';')) {
    const [rawName, ...rest] = part.trim().split('=');
    if (rawName === name) return rest.join('=') || undefined;
  }
  return undefined;
}
