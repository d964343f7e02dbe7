/** @module Sign up; the server mails a verification link, so the next page says to check the inbox. */
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, navigate } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { MailLogHint } from '../ui/mail-log-hint.tsx';
import { ErrorMessage } from '../ui/query-state.tsx';

export function SignUpPage() {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({ onSuccess: () => navigate(`/check-email?email=${encodeURIComponent(email)}`) }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate({ email, password, ...(name.trim() ? { name: name.trim() } : {}) });
  };
  return (
    <main className="auth">
      <h1>Create your Patchbay account</h1>
      <form onSubmit={submit} className="stack">
        <label>
          Name (optional)
          <input autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Email
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password (at least 10 characters)
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating…' : 'Sign up'}
        </button>
        {signUp.error ? <ErrorMessage error={signUp.error} /> : null}
      </form>
      <p>
        Already have an account? <Link href="/signin">Sign in</Link>
      </p>
    </main>
  );
}

/** After sign-up: the link in the mail opens the dashboard's /verify-email page. */
export function CheckEmailPage() {
  const email = new URLSearchParams(window.location.search).get('email');
  return (
    <main className="auth">
      <h1>Check your email</h1>
      <p>
        We sent a confirmation link{email ? ` to ${email}` : ''}. Open it to confirm your address, then <Link href="/signin">sign in</Link>{' '}
        and create your organization.
      </p>
      <MailLogHint email={email} />
    </main>
  );
}
