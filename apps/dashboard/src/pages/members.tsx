/**
 * @module Members and invitations: who is in the organization with which role; admins change
 * roles, remove people, invite by email and withdraw pending invitations. What the API refuses
 * is not offered: members see a read-only list, admins cannot grant or take the owner role.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../time.ts';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { READ_ONLY_NOTE, type Role, useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import '../styles/admin.css';
import { Invitations, Invite } from './member-invitations.tsx';

type Member = RouterOutputs['orgs']['members']['list']['members'][number];
const ROLES: readonly Role[] = ['owner', 'admin', 'member'];

/** The roles `me` may hand out: only an owner grants (or takes away) the owner role. */
export function grantableRoles(me: Role | undefined): Role[] {
  if (me === 'owner') return [...ROLES];
  if (me === 'admin') return ['admin', 'member'];
  return [];
}

export function MembersPage() {
  const trpc = useTRPC();
  const me = useOrgRole();
  const members = useQuery(trpc.orgs.members.list.queryOptions());
  return (
    <main className="page">
      <h1>Members</h1>
      {me.isAdmin ? <Invite grantable={grantableRoles(me.role)} /> : <p className="note">{READ_ONLY_NOTE}</p>}
      <h2>People in this organization</h2>
      {members.isPending ? <Loading what="members" /> : null}
      {members.error ? <ErrorMessage error={members.error} retry={() => members.refetch()} /> : null}
      {members.data ? (
        <TableScroll label="Members">
          <table>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {me.isAdmin ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.data.members.map((member) => (
                <MemberRow key={member.userId} member={member} me={me.role} self={member.userId === me.userId} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {me.isAdmin ? <Invitations /> : null}
    </main>
  );
}

function MemberRow({ member, me, self }: { member: Member; me: Role | undefined; self: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.orgs.members.list.queryKey() });
  const setRole = useMutation(trpc.orgs.members.setRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.orgs.members.remove.mutationOptions({ onSuccess: refresh }));
  const grantable = grantableRoles(me);
  // An admin can neither change nor remove an owner; nobody edits themselves from this list.
  const editable = !self && grantable.length > 0 && grantable.includes(member.role);
  const who = member.name ? `${member.name} (${member.email})` : member.email;
  return (
    <tr>
      <td>
        {who}
        {self ? <span className="muted"> — you</span> : null}
      </td>
      <td>
        {editable ? (
          <select
            aria-label={`Role of ${member.email}`}
            value={member.role}
            disabled={setRole.isPending}
            onChange={(e) => setRole.mutate({ userId: member.userId, role: e.target.value as Role })}
          >
            {grantable.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        ) : (
          member.role
        )}
      </td>
      <td>{formatTime(member.joinedAt)}</td>
      {me === 'owner' || me === 'admin' ? (
        <td className="row-actions">
          {editable ? (
            <button
              type="button"
              className="danger"
              aria-label={`Remove ${member.email}`}
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Remove ${member.email} from this organization? They lose access at once.`))
                  remove.mutate({ userId: member.userId });
              }}
            >
              Remove
            </button>
          ) : null}
          <span role="status" className="muted">
            {setRole.isSuccess ? 'Role changed' : ''}
          </span>
          {setRole.error ? <ErrorMessage error={setRole.error} /> : null}
          {remove.error ? <ErrorMessage error={remove.error} /> : null}
        </td>
      ) : null}
    </tr>
  );
}
