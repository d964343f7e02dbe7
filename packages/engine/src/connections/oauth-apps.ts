/**
 * @module Which OAuth app (client id and secret) a tenant uses for a connector: its own, set with
 * `oauthApps.set`, or else the operator's default from `patchbay.config.ts`.
 */
import { createOAuthClient, type KeyRing, type OAuthClient, open, seal } from '@patchbay/auth';
import type { TenantTx } from '@patchbay/db';
import { type AnyConnector, type OAuth2Auth, resolveHostTemplate } from '@patchbay/sdk';
import { EngineError } from '../engine-error.ts';
import type { ConnectorRegistry } from '../registry.ts';

export const CLIENT_SECRET_PURPOSE = 'oauth_app.client_secret';

export interface ResolvedOAuthApp {
  clientId: string;
  clientSecret: string;
  scopes: readonly string[];
  source: 'tenant' | 'operator';
}

export function sealClientSecret(ring: KeyRing, tenantId: string, appId: string, secret: string): string {
  return seal(ring, secret, { tenantId, recordId: appId, purpose: CLIENT_SECRET_PURPOSE });
}

/** The OAuth descriptor of a connector, or an error when it does not use OAuth. */
export function oauthDescriptor(connector: AnyConnector): OAuth2Auth {
  if (connector.auth.kind !== 'oauth2') throw new EngineError('CONNECTOR_NOT_INSTALLED', `Connector ${connector.id} does not use OAuth`);
  return connector.auth;
}

export async function resolveOAuthApp(
  tx: TenantTx,
  ring: KeyRing,
  registry: ConnectorRegistry,
  tenantId: string,
  connector: AnyConnector,
): Promise<ResolvedOAuthApp> {
  const auth = oauthDescriptor(connector);
  const own = await tx
    .selectFrom('oauth_apps')
    .select(['id', 'client_id', 'client_secret_sealed', 'scopes'])
    .where('connector_id', '=', connector.id)
    .executeTakeFirst();
  if (own) {
    const clientSecret = open(ring, own.client_secret_sealed, { tenantId, recordId: own.id, purpose: CLIENT_SECRET_PURPOSE });
    return { clientId: own.client_id, clientSecret, scopes: own.scopes ?? auth.scopes, source: 'tenant' };
  }
  const operator = registry.oauthDefaults(connector.id);
  if (operator) return { ...operator, scopes: operator.scopes ?? auth.scopes, source: 'operator' };
  throw new EngineError('OAUTH_APP_MISSING', `No OAuth app is configured for ${connector.id}; set one with oauthApps.set`);
}

/**
 * The OAuth client for one app. `params` are the connection's parameters: templated endpoints
 * (`https://{shop}.myshopify.com/admin/oauth/authorize`) resolve with them, or throw HOST_NOT_ALLOWED.
 */
export function oauthClientFor(
  connector: AnyConnector,
  app: ResolvedOAuthApp,
  redirectUri: string,
  params: Readonly<Record<string, unknown>> = {},
): OAuthClient {
  const auth = oauthDescriptor(connector);
  const at = (url: string) => resolveHostTemplate(url, params, connector.hostPatterns);
  return createOAuthClient({
    authorizationUrl: at(auth.authorizationUrl),
    tokenUrl: at(auth.tokenUrl),
    revokeUrl: auth.revokeUrl === undefined ? undefined : at(auth.revokeUrl),
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri,
    clientAuth: auth.clientAuth,
    pkce: auth.pkce,
    scopeSeparator: auth.scopeSeparator,
    ...(auth.extraAuthorizationParams ? { extraAuthorizationParams: auth.extraAuthorizationParams } : {}),
    ...(auth.parseTokenResponse ? { parseTokenResponse: auth.parseTokenResponse } : {}),
    ...(auth.refresh.defaultExpiresInSeconds ? { defaultExpiresInSeconds: auth.refresh.defaultExpiresInSeconds } : {}),
    ...(auth.clientIdParam ? { clientIdParam: auth.clientIdParam } : {}),
    ...(auth.extraTokenParams ? { extraTokenParams: auth.extraTokenParams } : {}),
    ...(auth.tokenRequest ? { tokenRequest: auth.tokenRequest } : {}),
  });
}
