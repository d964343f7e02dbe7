/**
 * @module What a failed refresh means for the connection, and the words stored for it. The
 * connector's `classifyTokenError` is asked first; texts never carry what the provider echoed
 * (a token endpoint may put the refresh token itself in `error`), only RFC 6749's own codes.
 */
import { OAuthError } from '@patchbay/auth';
import type { ConnectionStatus } from '@patchbay/db';
import { type AnyConnector, ConnectorError, type TokenErrorVerdict } from '@patchbay/sdk';
import { EngineError } from '../engine-error.ts';

/** RFC 6749 section 5.2's error codes: safe to repeat in a message; anything else may be an echo. */
const RFC6749_CODES = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
]);

export interface RefreshFailure {
  /** The connection's status afterwards. */
  status: ConnectionStatus;
  /** Stored in last_error and told to the caller. */
  message: string;
  error: EngineError | ConnectorError;
}

function verdictFor(connector: AnyConnector, error: unknown): TokenErrorVerdict | 'bad_client' {
  const oauth = error instanceof OAuthError ? error : undefined;
  const classify = connector.auth.kind === 'oauth2' ? connector.auth.classifyTokenError : undefined;
  let told: TokenErrorVerdict | undefined;
  try {
    told = classify?.({ error: oauth?.providerCode, status: oauth?.status });
  } catch {
    // A connector bug here must not leave the lease held: fall back to the default reading.
  }
  if (told) return told;
  if (oauth?.code === 'invalid_grant') return 'needs_reauth';
  if (oauth?.code === 'invalid_client') return 'bad_client';
  return 'retry';
}

/** Reads a token endpoint failure (an OAuthError, or anything the client threw). */
export function refreshFailure(connector: AnyConnector, error: unknown): RefreshFailure {
  const oauth = error instanceof OAuthError ? error : undefined;
  const code = oauth?.providerCode && RFC6749_CODES.has(oauth.providerCode) ? oauth.providerCode : undefined;
  const said = code ? ` (${code})` : oauth?.status ? ` (HTTP ${oauth.status})` : '';
  switch (verdictFor(connector, error)) {
    case 'needs_reauth': {
      const message = `The provider refused the refresh token${said}; authorize again`;
      return {
        status: 'needs_reauth',
        message,
        error: new EngineError('CONNECTION_INACTIVE', message, { connectionStatus: 'needs_reauth' }),
      };
    }
    case 'revoked': {
      const message = `The provider says the grant was revoked${said}; authorize again`;
      return { status: 'revoked', message, error: new EngineError('CONNECTION_INACTIVE', message, { connectionStatus: 'revoked' }) };
    }
    case 'bad_client': {
      const message = 'The provider refused the OAuth app credentials (invalid_client)';
      return { status: 'error', message, error: new EngineError('CONNECTION_INACTIVE', message, { connectionStatus: 'error' }) };
    }
    case 'retry': {
      const why =
        oauth?.code === 'timeout'
          ? ': the token endpoint did not answer in time'
          : oauth?.code === 'unreachable'
            ? ': the token endpoint is unreachable'
            : said;
      const message = `Refreshing the access token failed${why}`;
      return { status: 'active', message, error: new ConnectorError('UPSTREAM', message, { status: oauth?.status }) };
    }
  }
}

/** No refresh token was ever issued: only a new authorization helps. */
export function noRefreshToken(): RefreshFailure {
  const message = 'The access token expired and the provider gave no refresh token; authorize again';
  return { status: 'needs_reauth', message, error: new EngineError('CONNECTION_INACTIVE', message, { connectionStatus: 'needs_reauth' }) };
}
