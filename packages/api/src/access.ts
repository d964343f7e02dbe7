/**
 * @module Who may call a procedure, as data. Each tier in procedures.ts stamps its procedures
 * with this meta and enforces it, so the permission matrix (README) and the router-generated
 * tests read the same declaration the server acts on.
 */
import type { ApiKeyScope } from '@patchbay/auth';

/**
 * - `public`: anyone; `authed`: any session or key; `session`: a signed-in user, no key.
 * - `member`: any member of the organization; `admin`: owners and admins.
 * - `key`: an API key only, never a signed-in user (what hands out raw provider tokens).
 * An API key passes a tenant tier only when its scopes allow `scope`.
 */
export type AccessTier = 'public' | 'authed' | 'session' | 'member' | 'admin' | 'key';

export interface ProcedureAccess {
  tier: AccessTier;
  /** The API-key scope a tenant tier needs; session callers are judged by role alone. */
  scope?: ApiKeyScope;
}

export interface ApiMeta {
  access?: ProcedureAccess;
}
