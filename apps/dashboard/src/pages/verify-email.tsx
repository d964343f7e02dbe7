/**
 * @module The mailed confirmation link. The token is spent only when the person presses the
 * button, so a mail scanner that opens the link uses nothing.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { linkToken } from '../link-token.ts';
import { Link } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { ErrorMessage } from '../ui/query-state.tsx';

export function VerifyEmailPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const token = linkToken();
  // The account may be signed in in this browser: what it may do changes with the confirmation.
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions({ onSuccess: () => queryClient.invalidateQueries() }));
  return (
    <main className="auth">
      <h1>Confirm your email address</h1>
      {!token ? <NoToken /> : null}
      {verify.isSuccess ? (
        <div role="status">
          <p>Your email address is confirmed.</p>
          <p>
            <Link href="/">Continue to Patchbay</Link> (sign in if asked, then create your organization).
          </p>
        </div>
      ) : (
        <button type="button" disabled={!token || verify.isPending} onClick={() => verify.mutate({ token })}>
          {verify.isPending ? 'Confirming…' : 'Confirm'}
        </button>
      )}
      {verify.error ? <ErrorMessage error={verify.error} /> : null}
    </main>
  );
}

export function NoToken() {
  return (
    <p className="error" role="alert">
      This link has no token. Open the link from the mail again, whole (it ends with <code>#token=…</code>).
    </p>
  );
}
