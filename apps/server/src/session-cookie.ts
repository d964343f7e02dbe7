import type { SessionCookies } from '@patchbay/api';

/**
 * `__Host-patchbay_session` over https; on plain-http development hosts, where browsers refuse
 * the `__Host-` prefix (it needs Secure), `patchbay_session`.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-patchbay_session' : 'patchbay_session';
}

function serialize(name: string, value: string, expires: Date, secure: boolean): string {
  return [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Expires=${expires.toUTCString()}`, ...(secure ? ['Secure'] : [])].join(
    '; ',
  );
}

/** Cookie writes go to the tRPC response headers. */
export function sessionCookies(headers: Headers, secure: boolean): SessionCookies {
  const name = sessionCookieName(secure);
  return {
    set: (token, expiresAt) => headers.append('set-cookie', serialize(name, token, expiresAt, secure)),
    clear: () => headers.append('set-cookie', serialize(name, '', new Date(0), secure)),
  };
}

/** Reads the session token from a Cookie header (either name, so a scheme change does not sign everyone out). */
export function readSessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [rawName, ...rest] = part.trim().split('=');
    if (rawName === '__Host-patchbay_session' || rawName === 'patchbay_session') {
      const value = rest.join('=');
      if (value) return value;
    }
  }
  return undefined;
}
