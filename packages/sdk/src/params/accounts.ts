/**
 * @module Choosing an account after connecting. A connector's optional `discover(ctx)` lists
 * the accounts a grant can act for (Facebook Pages, Google Ads customers, LinkedIn
 * organizations); the chosen one is stored on the connection: `{ id, name, metadata }` in
 * `connections.metadata.account` (null while none is chosen), and its own credentials (a Page
 * token) sealed with the connection's credentials under `account`, never in metadata or logs.
 */
import { z } from 'zod';
import { ConnectorError } from '../errors.ts';

/** One account `discover` found. `credentials` (a per-account token) are sealed, never shown. */
export interface DiscoveredAccount {
  id: string;
  name: string;
  metadata?: Readonly<Record<string, unknown>> | undefined;
  credentials?: Readonly<Record<string, string>> | undefined;
}

/** The account a connection acts for, as actions see it on `ctx.connection.account`. */
export interface ConnectedAccount {
  id: string;
  name: string;
  metadata?: Readonly<Record<string, unknown>> | undefined;
}

const discovered = z
  .array(
    z.object({
      id: z.string().min(1).max(200),
      name: z.string().max(500),
      metadata: z.record(z.string(), z.unknown()).optional(),
      credentials: z.record(z.string(), z.string()).optional(),
    }),
  )
  .max(1000);

/** `discover`'s answer, checked: a wrong shape is UPSTREAM_CONTRACT, as for an action's output. */
export function checkDiscovered(value: unknown): DiscoveredAccount[] {
  const parsed = discovered.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new ConnectorError('UPSTREAM_CONTRACT', `discover returned an unexpected list${path ? ` at ${path}` : ''}`, { path });
}

/** The chosen account stored on a connection (`metadata.account`), or null. */
export function storedAccount(metadata: Readonly<Record<string, unknown>> | undefined): ConnectedAccount | null {
  const account = metadata?.account as { id?: unknown; name?: unknown; metadata?: unknown } | null | undefined;
  if (!account || typeof account.id !== 'string' || typeof account.name !== 'string') return null;
  const extra = account.metadata && typeof account.metadata === 'object' ? (account.metadata as Record<string, unknown>) : undefined;
  return { id: account.id, name: account.name, ...(extra ? { metadata: extra } : {}) };
}
