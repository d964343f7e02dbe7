import type { AccountServices, ApiKeyPrincipal } from '@patchbay/auth';
import type { Database, RunChannel } from '@patchbay/db';
import type { Engine } from '@patchbay/engine';
import type { Kysely } from 'kysely';

/** Sets and clears the session cookie on the response; the server decides its name and flags. */
export interface SessionCookies {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** What every procedure receives. The server builds one per request. */
export interface ApiContext {
  /** The root handle. Tenant procedures never see it: they get `ctx.scoped` instead. */
  db: Kysely<Database>;
  /** Connectors, connections and runs: the engine assembled for this process. */
  engine: Engine;
  requestId: string;
  /** The running Patchbay version, reported by `system.version`. */
  version: string;
  /**
   * An API key the surface already authenticated for this request (MCP checks it before any
   * protocol work): the `authed` tier takes it instead of looking the bearer up a second time.
   */
  apiKey?: ApiKeyPrincipal | undefined;
  /** Raw credentials as they arrived; resolved by the `authed` tier. */
  credentials: { sessionToken?: string | undefined; bearer?: string | undefined; org?: string | undefined };
  /** The caller's address, for sign-in throttling (resolved on demand: a syscall). */
  clientIp(): string;
  cookies: SessionCookies;
  /** The mailer, link base and sign-up policy account procedures use. */
  accounts: AccountServices;
  /** The surface calling (`/v1` REST and MCP call the same procedures); recorded on runs. `trpc` when absent. */
  channel?: RunChannel | undefined;
}
