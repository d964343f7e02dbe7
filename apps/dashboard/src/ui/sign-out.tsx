/** @module Signing out ends the server session (the cookie is cleared by the server). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { navigate } from '../router.tsx';
import { useTRPC } from '../trpc.ts';

export function SignOutButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        navigate('/signin', { replace: true });
      },
    }),
  );
  return (
    <button type="button" className="link-button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      Sign out
    </button>
  );
}
