/** @module The mailed reset link: a new password, which also signs out every session of the account. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { linkToken } from '../link-token.ts';
import { Link } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { ErrorMessage } from '../ui/query-state.tsx';
import { NoToken } from './verify-email.tsx';

export function ResetPasswordPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const token = linkToken();
  const [password, setPassword] = useState('');
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token, newPassword: password });
  };
  if (reset.isSuccess) {
    return (
      <main className="auth">
        <h1>Password changed</h1>
        <p role="status">Your password is changed and every session was signed out. Sign in with the new password.</p>
        <p>
          <Link href="/signin">Sign in</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="auth">
      <h1>Choose a new password</h1>
      {!token ? <NoToken /> : null}
      <form onSubmit={submit} className="stack">
        <label>
          New password (at least 10 characters)
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={!token || reset.isPending}>
          {reset.isPending ? 'Saving…' : 'Set password'}
        </button>
        {reset.error ? <ErrorMessage error={reset.error} /> : null}
      </form>
      <p>
        Link expired? <Link href="/forgot-password">Ask for a new one</Link>
      </p>
    </main>
  );
}
