/**
 * @module The signed-in person's role in the organization in scope, from `auth.me` (already
 * cached by the shell), so admin pages offer only what the API will accept from them.
 */
import { useQuery } from '@tanstack/react-query';
import { currentOrg, useTRPC } from '../trpc.ts';

export type Role = 'owner' | 'admin' | 'member';

export interface OrgRole {
  role: Role | undefined;
  userId: string | undefined;
  /** Owners and admins: the API's `adminProcedure`. */
  isAdmin: boolean;
  isOwner: boolean;
}

export function useOrgRole(): OrgRole {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  const data = me.data?.kind === 'user' ? me.data : undefined;
  const role = data?.organizations.find((o) => o.id === currentOrg())?.role;
  return { role, userId: data?.user.id, isAdmin: role === 'owner' || role === 'admin', isOwner: role === 'owner' };
}

/** Shown in place of controls a member cannot use. */
export const READ_ONLY_NOTE = 'You can see this page as a member; owners and admins can change it.';
