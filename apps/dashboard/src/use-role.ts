/**
 * @module The signed-in person's role in the organization in scope. Members use connections;
 * owners and admins create, re-authorize and delete them (README: permission matrix), so the
 * pages offer those only to them instead of a button the server would refuse.
 */
import { useQuery } from '@tanstack/react-query';
import { currentOrg, useTRPC } from './trpc.ts';

export function useManagesConnections(): boolean {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  if (me.data?.kind !== 'user') return false;
  const role = me.data.organizations.find((o) => o.id === currentOrg())?.role;
  return role === 'owner' || role === 'admin';
}
