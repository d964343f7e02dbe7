/**
 * @module What an API key may do. `admin` is everything a key could do before scopes existed
 * (and what keys made before them keep); the others each open one area. `connections:write`
 * includes reading connections. `events:read` lists received trigger events; `proxy` sends requests
 * through `/proxy/<connection id>/...` with a connection's credentials. `credentials:read` reads a
 * connection's access token itself: only a key made with it may, `admin` does not imply it.
 */
export const API_KEY_SCOPES = [
  'admin',
  'actions:run',
  'runs:read',
  'connections:read',
  'connections:write',
  'events:read',
  'proxy',
  'credentials:read',
] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const IMPLIED: Partial<Record<ApiKeyScope, readonly ApiKeyScope[]>> = {
  'connections:write': ['connections:read'],
};

/** Scopes a key must hold by name: handing out raw tokens is never a side effect of `admin`. */
const EXPLICIT_ONLY: readonly ApiKeyScope[] = ['credentials:read'];

/** Whether a key holding `held` may do what `needed` guards. */
export function scopeAllows(held: readonly string[], needed: ApiKeyScope): boolean {
  if (EXPLICIT_ONLY.includes(needed)) return held.includes(needed);
  return held.some((scope) => scope === 'admin' || scope === needed || IMPLIED[scope as ApiKeyScope]?.includes(needed));
}
