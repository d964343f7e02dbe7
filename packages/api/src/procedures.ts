/**
 * @module The procedure tiers, all in one place:
 * - `publicProcedure`: anyone.
 * - `authedProcedure`: a valid session cookie or API key (`Authorization: Bearer pbk_...`).
 * - `sessionProcedure`: a signed-in user (not an API key).
 * - `tenantProcedure`: an organization resolved: an API key's own, or the one a session names
 *   in `x-patchbay-org` (it must be a member). Its database access is `ctx.scoped(fn)`, a
 *   transaction under row-level security; the root handle is gone from its context.
 * - `adminProcedure`: a tenant procedure for owners and admins.
 * Every tenant tier also names the API-key scope it needs (keys holding `admin` pass all):
 * `tenantProcedure` and `adminProcedure` need `admin`; `connectionsReadProcedure`,
 * `connectionsWriteProcedure` (admin role), `runsReadProcedure` and `actionsProcedure` need the
 * scope of their name. The tier is recorded as meta (access.ts) for the README matrix and tests.
 */
import { type ApiKeyScope, authenticateApiKey, forgetApiKey, type SessionUser, scopeAllows, validateSessionToken } from '@patchbay/auth';
import { type Role, type TenantTx, withTenant } from '@patchbay/db';
import { TRPCError } from '@trpc/server';
import type { AccessTier } from './access.ts';
import { toTrpcError } from './domain-errors.ts';
import { inputProblem, invalidInput } from './input-guard.ts';
import { membershipRole } from './tenant/organizations.ts';
import { t } from './trpc.ts';

export type Principal =
  | { kind: 'session'; sessionId: string; user: SessionUser }
  | { kind: 'apiKey'; keyId: string; tenantId: string; scopes: string[] };

export interface Actor {
  type: 'user' | 'api_key';
  id: string;
}

const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTrpcError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

/** Every procedure's raw input, before its own schema and before any work: see input-guard.ts. */
const guardInput = t.middleware(async ({ getRawInput, next }) => {
  const problem = inputProblem(await getRawInput());
  if (problem) throw invalidInput(problem);
  return next();
});

export const publicProcedure = t.procedure
  .meta({ access: { tier: 'public' } })
  .use(guardInput)
  .use(mapDomainErrors);

export const authedProcedure = publicProcedure.meta({ access: { tier: 'authed' } }).use(async ({ ctx, next }) => {
  const { bearer, sessionToken } = ctx.credentials;
  let principal: Principal | undefined;
  if (ctx.apiKey) {
    principal = { kind: 'apiKey', ...ctx.apiKey };
  } else if (bearer !== undefined) {
    const key = await authenticateApiKey(ctx.db, bearer);
    if (key) principal = { kind: 'apiKey', ...key };
  } else if (sessionToken) {
    const session = await validateSessionToken(ctx.db, sessionToken);
    if (session) {
      if (session.renewed) ctx.cookies.set(sessionToken, session.expiresAt);
      principal = { kind: 'session', sessionId: session.sessionId, user: session.user };
    } else {
      ctx.cookies.clear();
    }
  }
  if (!principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send a valid API key' });
  return next({ ctx: { principal } });
});

export const sessionProcedure = authedProcedure.meta({ access: { tier: 'session' } }).use(({ ctx, next }) => {
  const { principal } = ctx;
  if (principal.kind !== 'session') throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs a signed-in user, not an API key' });
  return next({ ctx: { principal, user: principal.user } });
});

const tenantBase = authedProcedure.use(async ({ ctx, next }) => {
  const { principal, db } = ctx;
  let tenantId: string;
  let role: Role;
  let actor: Actor;
  if (principal.kind === 'apiKey') {
    tenantId = principal.tenantId;
    role = 'admin';
    actor = { type: 'api_key', id: principal.keyId };
  } else {
    const org = ctx.credentials.org;
    if (!org) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Name the organization in the x-patchbay-org header' });
    const userId = principal.user.id;
    const memberRole = await membershipRole(db, org, userId);
    if (!memberRole) throw new TRPCError({ code: 'FORBIDDEN', message: 'Not a member of this organization' });
    tenantId = org;
    role = memberRole;
    actor = { type: 'user', id: userId };
  }
  const scoped = <T>(fn: (tx: TenantTx) => Promise<T>) => withTenant(db, tenantId, fn);
  // The root handle leaves the context; this is all a procedure needs of it after revoking keys.
  const apiKeysRevoked = (prefixes: readonly string[]) => {
    for (const prefix of prefixes) forgetApiKey(db, prefix);
  };
  return next({ ctx: { tenant: { id: tenantId, role }, actor, scoped, apiKeysRevoked, db: undefined as never } });
});

/**
 * A tenant tier: the caller's role must reach `tier` (API keys act as admins) and an API key's
 * scopes must allow `scope`. Both are read back from the meta, so what is declared is what runs.
 */
function tenantTier(tier: Extract<AccessTier, 'member' | 'admin' | 'key'>, scope: ApiKeyScope) {
  return tenantBase.meta({ access: { tier, scope } }).use(({ ctx, meta, next }) => {
    const access = meta?.access ?? { tier, scope };
    if (access.tier === 'key' && ctx.principal.kind !== 'apiKey') {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs an API key with the ${access.scope ?? scope} scope` });
    }
    if (access.tier === 'admin' && ctx.tenant.role === 'member') {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'This needs the owner or admin role' });
    }
    const needed = access.scope ?? 'admin';
    if (ctx.principal.kind === 'apiKey' && !scopeAllows(ctx.principal.scopes, needed)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This API key lacks the ${needed} scope` });
    }
    return next();
  });
}

/** Organization settings and membership that any member may read; keys need `admin`. */
export const tenantProcedure = tenantTier('member', 'admin');
/** Keys, members, OAuth apps, webhooks, return origins: owners and admins; keys need `admin`. */
export const adminProcedure = tenantTier('admin', 'admin');
export const connectionsReadProcedure = tenantTier('member', 'connections:read');
/** Creating, re-authorizing and deleting connections: owners and admins. */
export const connectionsWriteProcedure = tenantTier('admin', 'connections:write');
export const runsReadProcedure = tenantTier('member', 'runs:read');
/** Listing received trigger events: any member. */
export const eventsReadProcedure = tenantTier('member', 'events:read');
/** A connection's raw access token: API keys made with `credentials:read` only (admin does not imply it). */
export const credentialsReadProcedure = tenantTier('key', 'credentials:read');
/** Running actions and queueing or cancelling runs: any member. */
export const actionsProcedure = tenantTier('member', 'actions:run');
