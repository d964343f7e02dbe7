/**
 * @module Where the dashboard sends the browser to connect an account and how it reads the
 * outcome back. Connecting and re-authorizing leave the app (the connect page, the provider),
 * and the server comes back to `returnTo` with `connection_id`, `status=connected`, `account=choose`
 * when an account is still to be chosen, or `error=<code>`.
 */

/**
 * The session-authenticated OAuth start for an existing connection: the server re-runs the flow
 * for that connection (same id, new grant) and comes back to the connection's page.
 */
export function reauthorizeUrl(input: { connectorId: string; connectionId: string; org: string; origin: string }): string {
  const query = new URLSearchParams({
    org: input.org,
    connection_id: input.connectionId,
    return_to: `${input.origin}/connections/${input.connectionId}`,
  });
  return `/oauth/${encodeURIComponent(input.connectorId)}/authorize?${query}`;
}

/** Where a connect link made from the Connect page comes back to: that page, with the connector chosen. */
export function connectReturnTo(origin: string, connectorId: string): string {
  return `${origin}/connections/new?${new URLSearchParams({ connector: connectorId })}`;
}

export type ConnectOutcome =
  | { kind: 'connected'; connectionId: string; chooseAccount: boolean }
  | { kind: 'failed'; code: string }
  | { kind: 'none' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The outcome the server put in `returnTo`'s query; an id that is not one is ignored, not followed. */
export function connectOutcome(search: URLSearchParams): ConnectOutcome {
  const error = search.get('error');
  if (error) return { kind: 'failed', code: error.slice(0, 100) };
  const id = search.get('connection_id');
  if (id && UUID.test(id) && search.get('status') === 'connected') {
    return { kind: 'connected', connectionId: id, chooseAccount: search.get('account') === 'choose' };
  }
  return { kind: 'none' };
}

const FAILURES: Record<string, string> = {
  access_denied: 'The provider was not allowed access (the consent was declined).',
  state_mismatch: 'The sign-in at the provider did not match this browser’s flow. Start again from this page.',
  expired_state: 'The sign-in at the provider took too long. Start again.',
  forbidden: 'Only owners and admins of the organization connect accounts.',
};

/** A sentence for an `error` code the OAuth callback sent back. */
export function failureText(code: string): string {
  return FAILURES[code] ?? `Connecting did not finish (${code}). Try again; if it keeps failing, check the connector’s OAuth app.`;
}
