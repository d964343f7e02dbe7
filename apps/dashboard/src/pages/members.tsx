/**
 * @module Members and invitations: who is in the organization with which role; admins change
 * roles, remove people, invite by email and withdraw pending invitations. What the API refuses
 * is not offered: members see a read-only list, admins cannot grant or take the owner role.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatTime } from '../time.ts';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { READ_ONLY_NOTE, type Role, useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import '../styles/admin.css';

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

function Invite({ grantable }: { grantable: Role[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const invite = useMutation(
    trpc.orgs.members.invite.mutationOptions({
      onSuccess: () => {
        setEmail('');
        return queryClient.invalidateQueries({ queryKey: trpc.orgs.invitations.list.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ email, role });
  };
  return (
    <form className="card filters" onSubmit={submit} aria-labelledby="invite-title">
      <h2 id="invite-title" className="full">
        Invite someone
      </h2>
      <label>
        Email address
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={320} />
      </label>
      {/* Labelled by id, not by wrapping: a wrapping label would fold the chosen role into the control's name. */}
      <div className="field">
        <label htmlFor="invite-role">Role</label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {grantable.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={invite.isPending}>
        {invite.isPending ? 'Sending…' : 'Send invitation'}
      </button>
      <p role="status" className="muted full">
        {invite.data ? `Invitation mailed to ${invite.data.invited}; it is valid for 7 days.` : ''}
      </p>
      {invite.error ? <ErrorMessage error={invite.error} /> : null}
    </form>
  );
}

function Invitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.orgs.invitations.list.queryOptions());
  const revoke = useMutation(
    trpc.orgs.invitations.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.orgs.invitations.list.queryKey() }),
    }),
  );
  return (
    <section aria-labelledby="invitations-title">
      <h2 id="invitations-title">Pending invitations</h2>
      {list.isPending ? <Loading what="invitations" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {list.data?.length === 0 ? <p className="empty">No pending invitations. Invite someone with the form above.</p> : null}
      {list.data && list.data.length > 0 ? (
        <TableScroll label="Pending invitations">
          <table>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Sent</th>
                <th scope="col">Valid until</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((invitation) => (
                <tr key={invitation.id}>
                  <td>{invitation.email}</td>
                  <td>{invitation.role}</td>
                  <td>{formatTime(invitation.createdAt)}</td>
                  <td>
                    {invitation.expired ? <StatusBadge status="expired" /> : null} {formatTime(invitation.expiresAt)}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Revoke the invitation for ${invitation.email}`}
                      disabled={revoke.isPending}
                      onClick={() => {
                        if (window.confirm(`Revoke the invitation for ${invitation.email}? Its link stops working.`))
                          revoke.mutate({ id: invitation.id });
                      }}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
    </section>
  );
}
