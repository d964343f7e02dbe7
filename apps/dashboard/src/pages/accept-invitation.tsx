/**
 * @module The mailed invitation link. Signed in: accept in one press. Signed out: create the
 * account from here (the invitation's token lets it through an invite-only server and vouches
 * for the address, so no confirmation mail is needed) or sign in, and land in the organization.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { linkToken } from '../link-token.ts';
import { navigate } from '../router.tsx';
import { errorCode, setCurrentOrg, useTRPC } from '../trpc.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { SignOutButton } from '../ui/sign-out.tsx';
import { NoToken } from './verify-email.tsx';

type Mode = 'signUp' | 'signIn';

export function AcceptInvitationPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const token = linkToken();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { retry: false }));
  const accept = useMutation(
    trpc.auth.acceptInvitation.mutationOptions({
      onSuccess: async ({ organizationId }) => {
        setCurrentOrg(organizationId);
        await queryClient.invalidateQueries();
        navigate('/', { replace: true });
      },
    }),
  );
  const signedOut = errorCode(me.error) === 'UNAUTHORIZED';
  return (
    <main className="auth">
      <h1>Accept the invitation</h1>
      {!token ? <NoToken /> : null}
      {me.isPending ? <Loading what="your account" /> : null}
      {me.error && !signedOut ? <ErrorMessage error={me.error} retry={() => me.refetch()} /> : null}
      {me.data?.kind === 'user' ? (
        <div className="stack">
          <p>
            You are signed in as <strong>{me.data.user.email}</strong>. The invitation must have been sent to this address.
          </p>
          <button type="button" disabled={!token || accept.isPending} onClick={() => accept.mutate({ token })}>
            {accept.isPending ? 'Joining…' : 'Accept and join'}
          </button>
          {accept.error ? <ErrorMessage error={accept.error} /> : null}
          <p className="muted">Invited at another address? Sign out, then open the link again.</p>
          <SignOutButton />
        </div>
      ) : null}
      {signedOut ? <SignedOutAccept token={token} onAccept={(t) => accept.mutateAsync({ token: t })} /> : null}
    </main>
  );
}

function SignedOutAccept({ token, onAccept }: { token: string; onAccept: (token: string) => Promise<unknown> }) {
  const trpc = useTRPC();
  const [mode, setMode] = useState<Mode>('signUp');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  const join = useMutation({
    mutationFn: async () => {
      if (mode === 'signUp') {
        await signUp.mutateAsync({ email, password, invitationToken: token, ...(name.trim() ? { name: name.trim() } : {}) });
      }
      await signIn.mutateAsync({ email, password });
      await onAccept(token);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    join.mutate();
  };
  const newAccount = mode === 'signUp';
  return (
    <>
      <p>
        {newAccount
          ? 'Create your Patchbay account with the address the invitation was sent to.'
          : 'Sign in with the account the invitation was sent to.'}
      </p>
      <form onSubmit={submit} className="stack">
        {newAccount ? (
          <label>
            Name (optional)
            <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        ) : null}
        <label>
          Email (the invited address)
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          {newAccount ? 'Password (at least 10 characters)' : 'Password'}
          <input
            type="password"
            autoComplete={newAccount ? 'new-password' : 'current-password'}
            required
            minLength={newAccount ? 10 : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={!token || join.isPending}>
          {join.isPending ? 'Joining…' : newAccount ? 'Create account and join' : 'Sign in and join'}
        </button>
        {join.error ? <ErrorMessage error={join.error} /> : null}
        {join.error && newAccount && errorCode(join.error) === 'UNAUTHORIZED' ? (
          <p className="muted">If this address already has an account, sign in instead.</p>
        ) : null}
      </form>
      <p>
        <button type="button" className="link-button" onClick={() => setMode(newAccount ? 'signIn' : 'signUp')}>
          {newAccount ? 'I already have an account: sign in instead' : 'I am new here: create an account instead'}
        </button>
      </p>
    </>
  );
}
