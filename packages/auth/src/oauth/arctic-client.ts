/**
 * @module The one file that knows Arctic (deprecated by its author in July 2026, final 3.7.0):
 * replacing it means rewriting only this file. Arctic builds the authorization URL (PKCE S256)
 * and makes standard token requests (form POST, Basic auth). Arctic cannot put the secret in the
 * body, rename the client id, send JSON or GET, and treats only 200 as a revocation, so those
 * requests and every revocation are our own (token-http.ts); every provider call is bounded by
 * `timeoutMs`.
 */

import { isTokenResponseError } from '@patchbay/sdk';
import {
  ArcticFetchError,
  CodeChallengeMethod,
  OAuth2Client,
  OAuth2RequestError,
  type OAuth2Tokens,
  UnexpectedErrorResponseBodyError,
} from 'arctic';
import { errorCodeFor, OAuthError } from './oauth-error.ts';
import { buildTokenRequest, needsOwnTokenRequest, revokeToken, sendTokenRequest } from './token-http.ts';
import { completeTokenSet, standardTokenResponse } from './token-response.ts';
import type { AuthorizationRequest, OAuthClient, OAuthClientConfig, TokenSet } from './types.ts';

const DEFAULT_TIMEOUT_MS = 15_000;

function toOAuthError(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  // A connector's parseTokenResponse said what the answer means (TikTok Business: `code != 0` at 200).
  if (isTokenResponseError(error))
    return new OAuthError(errorCodeFor(error.error), `provider refused: ${error.error}`, {
      providerCode: error.error,
      status: error.status,
    });
  if (error instanceof OAuth2RequestError)
    return new OAuthError(errorCodeFor(error.code), `provider refused: ${error.code}`, { providerCode: error.code });
  if (error instanceof ArcticFetchError) return new OAuthError('unreachable', 'provider token endpoint unreachable');
  if (error instanceof UnexpectedErrorResponseBodyError)
    return new OAuthError('bad_response', `provider answered ${error.status} with an unexpected body`, { status: error.status });
  const status = (error as { status?: unknown }).status;
  return new OAuthError('bad_response', `provider answered unexpectedly${typeof status === 'number' ? ` (${status})` : ''}`, {
    status: typeof status === 'number' ? status : undefined,
  });
}

function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new OAuthError('timeout', `provider did not answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([work(controller.signal), timeout]).finally(() => clearTimeout(timer));
}

export function createOAuthClient(config: OAuthClientConfig): OAuthClient {
  const arctic = new OAuth2Client(config.clientId, config.clientSecret, config.redirectUri);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const separator = config.scopeSeparator ?? ' ';
  const toTokens = (raw: Record<string, unknown>): TokenSet => {
    // Some providers (Slack) report failures as 200 with an `error` field and no token.
    if (typeof raw.error === 'string' && raw.access_token === undefined) {
      throw new OAuthError(errorCodeFor(raw.error), `provider refused: ${raw.error}`, { providerCode: raw.error });
    }
    const options = { scopeSeparator: separator, defaultExpiresInSeconds: config.defaultExpiresInSeconds, now: Date.now() };
    return config.parseTokenResponse ? completeTokenSet(config.parseTokenResponse(raw), options) : standardTokenResponse(raw, options);
  };
  const tokenCall = async (params: Record<string, string>, viaArctic: () => Promise<OAuth2Tokens>): Promise<TokenSet> => {
    try {
      const raw = await withTimeout(
        async (signal) =>
          needsOwnTokenRequest(config)
            ? sendTokenRequest(config, buildTokenRequest(config, params), signal)
            : ((await viaArctic()).data as Record<string, unknown>),
        timeoutMs,
      );
      return toTokens(raw);
    } catch (error) {
      throw toOAuthError(error);
    }
  };

  return {
    authorizationUrl({ state, codeVerifier, scopes }: AuthorizationRequest): URL {
      const url =
        config.pkce && codeVerifier
          ? arctic.createAuthorizationURLWithPKCE(config.authorizationUrl, state, CodeChallengeMethod.S256, codeVerifier, [])
          : arctic.createAuthorizationURL(config.authorizationUrl, state, []);
      if (scopes.length) url.searchParams.set('scope', scopes.join(separator));
      if (config.clientIdParam) {
        url.searchParams.delete('client_id');
        url.searchParams.set(config.clientIdParam, config.clientId);
      }
      for (const [key, value] of Object.entries(config.extraAuthorizationParams ?? {})) url.searchParams.set(key, value);
      return url;
    },
    exchangeCode(code, codeVerifier) {
      const params: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: config.redirectUri };
      if (codeVerifier) params.code_verifier = codeVerifier;
      return tokenCall(params, () => arctic.validateAuthorizationCode(config.tokenUrl, code, codeVerifier ?? null));
    },
    refresh(refreshToken) {
      return tokenCall({ grant_type: 'refresh_token', refresh_token: refreshToken }, () =>
        arctic.refreshAccessToken(config.tokenUrl, refreshToken, []),
      );
    },
    async revoke(token) {
      const revokeUrl = config.revokeUrl;
      if (!revokeUrl) return;
      try {
        await withTimeout((signal) => revokeToken(config, revokeUrl, token, signal), timeoutMs);
      } catch (error) {
        throw toOAuthError(error);
      }
    },
  };
}
