/** @module Inviting people by email with a role, and the invitations still pending (admins only; revoking asks first). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatTime } from '../time.ts';
import { useTRPC } from '../trpc.ts';
import type { Role } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';

export function Invite({ grantable }: { grantable: Role[] }) {
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

export function Invitations() {
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
