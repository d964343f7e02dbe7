/**
 * @module The typed API client. Types come from the server's router (`AppRouter`), so no API
 * shape is written by hand. Calls ride on the same-origin session cookie (HttpOnly: the page
 * never sees it, and no token is kept in storage) with the CSRF header the server asks of
 * cookie-borne calls, and name the chosen organization in `x-patchbay-org`.
 */
import type { AppRouter, RouterInputs, RouterOutputs } from '@patchbay/api';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export type { RouterInputs, RouterOutputs };

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const ORG_KEY = 'patchbay.org';

/** The organization in scope (an id, not a credential: safe to remember across reloads). */
export function currentOrg(): string | null {
  return localStorage.getItem(ORG_KEY);
}

export function setCurrentOrg(id: string | null): void {
  if (id) localStorage.setItem(ORG_KEY, id);
  else localStorage.removeItem(ORG_KEY);
}

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        headers() {
          const org = currentOrg();
          return { 'x-patchbay-csrf': '1', ...(org ? { 'x-patchbay-org': org } : {}) };
        },
        fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
}

/** The tRPC error code of a failed call (`UNAUTHORIZED`, `NOT_FOUND`, ...), if it is one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
}

/** The account failure a FORBIDDEN answer names in `data.reason` (`EMAIL_NOT_VERIFIED`, `SIGNUP_CLOSED`, ...). */
export function errorReason(error: unknown): string | undefined {
  return error instanceof TRPCClientError ? (error.data as { reason?: string } | undefined)?.reason : undefined;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Cached answers show at once, and every page visit refetches them: what a person comes
        // back to (new runs, a connection made through the API) must not wait out a stale time.
        staleTime: 0,
        // An unauthenticated or forbidden answer will not change by asking again.
        retry: (count, error) => count < 2 && !['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes(errorCode(error) ?? ''),
      },
    },
  });
}
