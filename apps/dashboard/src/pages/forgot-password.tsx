/**
 * @module "Forgot password?": asks for a reset link. The server answers the same whether or not
 * the address has an account, and so does this page, so it never tells who is signed up.
 */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { MailLogHint } from '../ui/mail-log-hint.tsx';
import { ErrorMessage } from '../ui/query-state.tsx';

export function ForgotPasswordPage() {
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email });
  };
  if (request.isSuccess) {
    return (
      <main className="auth">
        <h1>Check your email</h1>
        <p role="status">If {email} has a Patchbay account, a link to choose a new password is on its way. It works for one hour.</p>
        <MailLogHint email={email} />
        <p>
          <Link href="/signin">Back to sign in</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="auth">
      <h1>Reset your password</h1>
      <p>Enter the address you signed up with; we mail it a link to choose a new password.</p>
      <form onSubmit={submit} className="stack">
        <label>
          Email
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <button type="submit" disabled={request.isPending}>
          {request.isPending ? 'Sending…' : 'Send the reset link'}
        </button>
        {request.error ? <ErrorMessage error={request.error} /> : null}
      </form>
      <p>
        Remembered it? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}
