/**
 * @module Runs a connector's OAuth hooks (`afterExchange`, `refresh.run`, `revoke`) with the
 * tenant's OAuth app and an HTTP client limited to the connector's hosts, and reads their
 * failures as the OAuthError the callback and the refresher already understand, so a custom
 * refresh's failure goes through `classifyTokenError` like a standard one.
 */
import { errorCodeFor, OAuthError, type TokenSet } from '@patchbay/auth';
import { type AnyConnector, ConnectorError, type CurrentTokens, isTokenResponseError, type OAuth2Auth, runOAuthHook } from '@patchbay/sdk';
import type { Dispatcher } from 'undici';
import type { ResolvedOAuthApp } from './oauth-apps.ts';

export interface HookDeps {
  redirectUri: string;
  dispatcher?: Dispatcher | undefined;
}

const optionsFor = (app: ResolvedOAuthApp, deps: HookDeps) => ({
  client: { id: app.clientId, secret: app.clientSecret },
  redirectUri: deps.redirectUri,
  dispatcher: deps.dispatcher,
});

/** A hook's failure as an OAuthError; its message never carries what the provider said. */
export function hookFailure(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  if (isTokenResponseError(error)) {
    return new OAuthError(errorCodeFor(error.error), `provider refused: ${error.error}`, {
      providerCode: error.error,
      status: error.status,
    });
  }
  if (error instanceof ConnectorError) {
    const status = error.status;
    // The hook's own deadline aborts its requests as CANCELLED.
    if (error.code === 'TIMEOUT' || error.code === 'CANCELLED') return new OAuthError('timeout', 'provider did not answer in time');
    // The provider refused the token the hook presented: only a new authorization helps.
    if (error.code === 'AUTH_INVALID' || error.code === 'AUTH_EXPIRED') {
      return new OAuthError('invalid_grant', `provider refused the token (HTTP ${status ?? 401})`, { status });
    }
    if (status !== undefined) return new OAuthError('bad_response', `provider answered ${status}`, { status });
    if (error.code === 'UPSTREAM') return new OAuthError('unreachable', 'provider unreachable');
    // HOST_NOT_ALLOWED, UPSTREAM_CONTRACT, ...: the hook, not the provider, went wrong.
    return new OAuthError('bad_response', `the connector's OAuth hook failed (${error.code})`);
  }
  return new OAuthError('bad_response', "the connector's OAuth hook failed");
}

function withDefaultExpiry(tokens: TokenSet, auth: OAuth2Auth): TokenSet {
  if (typeof tokens.accessToken !== 'string' || tokens.accessToken === '') {
    throw new OAuthError('bad_response', "the connector's OAuth hook returned no access token");
  }
  const lifetime = auth.refresh.defaultExpiresInSeconds;
  return tokens.expiresAt || lifetime === undefined ? tokens : { ...tokens, expiresAt: new Date(Date.now() + lifetime * 1000) };
}

function oauth(connector: AnyConnector): OAuth2Auth {
  if (connector.auth.kind !== 'oauth2') throw new OAuthError('bad_response', `${connector.id} does not use OAuth`);
  return connector.auth;
}

/** The exchanged tokens after `afterExchange` (replaced when it returned tokens), and metadata to store. */
export async function afterExchange(
  connector: AnyConnector,
  app: ResolvedOAuthApp,
  tokens: TokenSet,
  deps: HookDeps,
): Promise<{ tokens: TokenSet; metadata: Record<string, unknown> }> {
  const auth = oauth(connector);
  const hook = auth.afterExchange;
  if (!hook) return { tokens, metadata: {} };
  try {
    const result = await runOAuthHook(connector, optionsFor(app, deps), (ctx) => hook(tokens, ctx));
    return { tokens: result?.tokens ? withDefaultExpiry(result.tokens, auth) : tokens, metadata: { ...result?.metadata } };
  } catch (error) {
    throw hookFailure(error);
  }
}

/** Whether the connector refreshes its own way (no refresh token needed). */
export function hasCustomRefresh(connector: AnyConnector): boolean {
  return connector.auth.kind === 'oauth2' && connector.auth.refresh.run !== undefined;
}

/** Runs `refresh.run`; failures come out as OAuthError, for `refreshFailure` to classify. */
export async function customRefresh(
  connector: AnyConnector,
  app: ResolvedOAuthApp,
  current: CurrentTokens,
  deps: HookDeps,
): Promise<TokenSet> {
  const auth = oauth(connector);
  const run = auth.refresh.run;
  if (!run) throw new OAuthError('bad_response', `${connector.id} has no refresh hook`);
  try {
    return withDefaultExpiry(await runOAuthHook(connector, optionsFor(app, deps), (ctx) => run(current, ctx)), auth);
  } catch (error) {
    throw hookFailure(error);
  }
}

/** Runs the `revoke` hook: resolves with whether the provider confirmed, or a safe reason it did not. */
export async function revokeWithHook(
  connector: AnyConnector,
  app: ResolvedOAuthApp,
  tokens: CurrentTokens,
  deps: HookDeps,
): Promise<{ revoked: boolean; error?: string | undefined }> {
  const hook = oauth(connector).revoke;
  if (!hook) return { revoked: false };
  try {
    const confirmed = await runOAuthHook(connector, optionsFor(app, deps), (ctx) => hook(tokens, ctx));
    return confirmed === true ? { revoked: true } : { revoked: false, error: 'The provider did not confirm the revocation' };
  } catch (error) {
    const failure = hookFailure(error);
    return { revoked: false, error: `Revocation failed: ${failure.message}` };
  }
}
