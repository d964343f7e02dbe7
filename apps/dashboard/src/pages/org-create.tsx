/** @module Creating an organization (the first step after signing in, and from the switcher later). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { navigate } from '../router.tsx';
import { errorReason, setCurrentOrg, useTRPC } from '../trpc.ts';
import { ErrorMessage } from '../ui/query-state.tsx';

export function OrgCreatePage({ first }: { first: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.orgs.create.mutationOptions({
      onSuccess: async (org) => {
        setCurrentOrg(org.id);
        await queryClient.invalidateQueries();
        navigate('/connections');
      },
    }),
  );
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name });
  };
  const unverified = errorReason(create.error) === 'EMAIL_NOT_VERIFIED';
  return (
    <main className={first ? 'auth' : 'page'}>
      <h1>{first ? 'Create your organization' : 'New organization'}</h1>
      {first ? <p>Connections, runs and API keys belong to an organization. Name yours to start.</p> : null}
      <form onSubmit={submit} className="stack">
        <label>
          Organization name
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create organization'}
        </button>
        {create.error ? <ErrorMessage error={create.error} /> : null}
        {unverified ? (
          <button type="button" onClick={() => resend.mutate()} disabled={resend.isPending || resend.isSuccess}>
            {resend.isSuccess ? 'Link sent: check your email' : 'Send the confirmation link again'}
          </button>
        ) : null}
      </form>
    </main>
  );
}
