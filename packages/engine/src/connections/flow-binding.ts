/**
 * @module What ties an OAuth flow to the browser and the person that began it. The browser
 * that starts a flow gets a cookie holding a hash of the state (RFC 9700 §4.7): the state alone
 * travels in URLs an attacker can hand to a victim, the cookie cannot be planted in the
 * victim's browser. A flow begun by a signed-in user is finished only while that user may still
 * manage the organization's connections.
 */
import { timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '@patchbay/auth';
import type { Role, TenantTx } from '@patchbay/db';

/** The cookie value for a flow's state; a distinct label keeps it unequal to the stored `state_hash`. */
export function browserBinding(state: string): string {
  return sha256Hex(`patchbay.oauth.browser\0${state}`);
}

/** Whether the cookie the callback's browser sent belongs to this state (constant time). */
export function bindingMatches(state: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(browserBinding(state));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Roles that may create, re-authorize and delete connections (README's permission matrix). */
export const CONNECTION_MANAGER_ROLES: readonly Role[] = ['owner', 'admin'];

/** Whether `userId` is, right now, a member allowed to manage connections in the scoped tenant. */
export async function mayManageConnections(tx: TenantTx, userId: string): Promise<boolean> {
  const row = await tx.selectFrom('memberships').select('role').where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined && CONNECTION_MANAGER_ROLES.includes(row.role);
}
