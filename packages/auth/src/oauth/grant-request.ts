/**
 * @module One token request for the grants that need no person (client credentials, JWT
 * bearer): a form POST, the client authenticated by Basic or in the body (RFC 6749 section
 * 2.3.1) or not at all (the assertion is the proof), bounded by a timeout. Failures are
 * OAuthErrors that keep the provider's `error` code and the HTTP status, so callers can tell a
 * refused credential from a provider having a bad minute.
 */
import { errorCodeFor, OAuthError } from './oauth-error.ts';
import { completeTokenSet, standardTokenResponse } from './token-response.ts';
import type { TokenResponseParser, TokenSet } from './types.ts';

export interface GrantTokenRequest {
  tokenUrl: string;
  /** `grant_type` and the grant's own parameters. */
  params: Readonly<Record<string, string>>;
  /** The client's credentials, for grants that send them (client credentials). */
  client?: { id: string; secret: string; auth: 'basic' | 'body' } | undefined;
  scopeSeparator?: string | undefined;
  defaultExpiresInSeconds?: number | undefined;
  parseTokenResponse?: TokenResponseParser | undefined;
  /** Per request (default 15 s). */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** RFC 6749 section 2.3.1: id and secret are form-encoded before they are joined and base64'd. */
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

function refused(data: Record<string, unknown>, status: number): OAuthError {
  const code = String(data.error);
  return new OAuthError(errorCodeFor(code), `provider refused: ${code}`, { providerCode: code, status });
}

/**
 * Requests an access token and normalizes the answer.
 *
 * @example
 * const tokens = await requestGrantToken({ tokenUrl, params: { grant_type: 'client_credentials', scope: 'read' }, client: { id, secret, auth: 'basic' } });
 */
export async function requestGrantToken(request: GrantTokenRequest): Promise<TokenSet> {
  const body = new URLSearchParams(request.params);
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'patchbay' };
  const { client } = request;
  if (client?.auth === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${formEncode(client.id)}:${formEncode(client.secret)}`).toString('base64')}`;
  } else if (client) {
    body.set('client_id', client.id);
    body.set('client_secret', client.secret);
  }
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.tokenUrl, { method: 'POST', body, headers, signal, redirect: 'error' });
  } catch {
    if (signal.aborted) throw new OAuthError('timeout', `provider did not answer within ${timeoutMs} ms`);
    throw new OAuthError('unreachable', 'provider token endpoint unreachable');
  }
  let data: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = await response.json();
    data = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    if (signal.aborted) throw new OAuthError('timeout', `provider did not answer within ${timeoutMs} ms`);
  }
  const status = response.status;
  // Some providers refuse with 200 and an `error` field and no token.
  if (data && typeof data.error === 'string' && (status >= 400 || data.access_token === undefined)) throw refused(data, status);
  if (status !== 200 || !data) throw new OAuthError('bad_response', `provider answered ${status}`, { status });
  const options = {
    scopeSeparator: request.scopeSeparator ?? ' ',
    defaultExpiresInSeconds: request.defaultExpiresInSeconds,
    now: Date.now(),
  };
  return request.parseTokenResponse ? completeTokenSet(request.parseTokenResponse(data), options) : standardTokenResponse(data, options);
}
