/**
 * @module What a refused grant means. The credentials belong to the connection (not to an OAuth
 * app), so a refusal of them (`invalid_client`, `invalid_grant`, `unauthorized_client`, 401, 403)
 * marks the connection `needs_reauth`: the tenant must supply working ones. Timeouts, 5xx and
 * other answers are transient: the connection stays active and the call fails as UPSTREAM.
 * The connector's `classifyTokenError` is asked first. Texts carry only RFC 6749's own codes,
 * never the provider's words (which may echo what was sent).
 */
import { OAuthError } from '@patchbay/auth';
import { ConnectorError, type GrantAuth, type TokenErrorVerdict } from '@patchbay/sdk';
import { EngineError } from '../engine-error.ts';
import type { RefreshFailure } from './refresh-failure.ts';

const REFUSALS = new Set(['invalid_client', 'invalid_grant', 'unauthorized_client']);
const RFC6749_CODES = new Set([...REFUSALS, 'invalid_request', 'unsupported_grant_type', 'invalid_scope']);

function verdictFor(auth: GrantAuth, oauth: OAuthError | undefined): TokenErrorVerdict {
  let told: TokenErrorVerdict | undefined;
  try {
    told = auth.classifyTokenError?.({ error: oauth?.providerCode, status: oauth?.status });
  } catch {
    // A connector bug here must not leave the lease held: fall back to the default reading.
  }
  if (told) return told;
  if (oauth && (REFUSALS.has(oauth.providerCode ?? oauth.code) || oauth.status === 401 || oauth.status === 403)) return 'needs_reauth';
  return 'retry';
}

function said(oauth: OAuthError | undefined): string {
  const code = oauth?.providerCode && RFC6749_CODES.has(oauth.providerCode) ? oauth.providerCode : undefined;
  if (code) return ` (${code})`;
  if (oauth?.status) return ` (HTTP ${oauth.status})`;
  if (oauth?.code === 'timeout') return ': the token endpoint did not answer in time';
  if (oauth?.code === 'unreachable') return ': the token endpoint is unreachable';
  return '';
}

const what = (auth: GrantAuth) => (auth.kind === 'clientCredentials' ? 'client credentials' : 'service-account key');

/** A failed token request for an existing connection: its status afterwards and the error the call gets. */
export function grantFailure(auth: GrantAuth, error: unknown): RefreshFailure {
  const oauth = error instanceof OAuthError ? error : undefined;
  const verdict = verdictFor(auth, oauth);
  if (verdict === 'retry') {
    const message = `Fetching an access token failed${said(oauth)}`;
    return { status: 'active', message, error: new ConnectorError('UPSTREAM', message, { status: oauth?.status }) };
  }
  const message = `The provider refused the connection's ${what(auth)}${said(oauth)}; connect again with working ones`;
  return { status: verdict, message, error: new EngineError('CONNECTION_INACTIVE', message, { connectionStatus: verdict }) };
}

/** A failed first token request, when the connection is created: nothing is stored. */
export function grantCreateError(auth: GrantAuth, error: unknown): ConnectorError {
  const oauth = error instanceof OAuthError ? error : undefined;
  if (verdictFor(auth, oauth) === 'retry') {
    return new ConnectorError('UPSTREAM', `The provider did not issue an access token${said(oauth)}; nothing was saved`, {
      status: oauth?.status,
    });
  }
  return new ConnectorError('AUTH_INVALID', `The provider refused the ${what(auth)}${said(oauth)}; nothing was saved`, {
    status: oauth?.status,
    providerCode: oauth?.providerCode && RFC6749_CODES.has(oauth.providerCode) ? oauth.providerCode : undefined,
  });
}
