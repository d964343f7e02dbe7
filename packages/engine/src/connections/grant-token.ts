/**
 * @module Fetching an access token with a grant connection's own credentials: the tenant's
 * client id and secret (client credentials), or a signed assertion from its service-account key
 * (JWT bearer). Used when the connection is created and whenever its token is due, under the
 * refresher's lease. The stored fields are validated again before every request, so a key whose
 * `token_uri` the connector no longer allows is never used, and the assertion only ever goes to
 * a declared token endpoint.
 */
import { OAuthError, requestGrantToken, signJwtAssertion } from '@patchbay/auth';
import {
  type ClientCredentialsAuth,
  declaredTokenUrl,
  type GrantAuth,
  type JwtBearerAuth,
  type JwtBearerFields,
  type TokenSet,
} from '@patchbay/sdk';

export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** What a grant connection keeps sealed: the current token and the fields that fetch the next one. */
export interface StoredGrantCredentials {
  accessToken: string;
  tokenType?: string | undefined;
  /** The tenant's parsed fields (client secret, service-account key): never given to actions. */
  grant: Record<string, unknown>;
}

/** The endpoint a key's assertions go to: its `token_uri` when the connector allows it, else the connector's. */
export function jwtTokenUrl(auth: JwtBearerAuth, tokenUri: string | undefined): string {
  if (tokenUri === undefined) return auth.tokenUrl;
  const allowed = declaredTokenUrl([auth.tokenUrl, ...auth.tokenUrls], tokenUri);
  if (!allowed) throw new OAuthError('invalid_client', 'the key names a token endpoint this connector does not allow');
  return allowed;
}

function parsedFields(auth: GrantAuth, fields: unknown): Record<string, unknown> {
  const parsed = auth.fields.safeParse(fields);
  // Reported without the fields' values: they hold the secret or the private key.
  if (!parsed.success) throw new OAuthError('invalid_client', "the stored credentials no longer match the connector's fields");
  return parsed.data as unknown as Record<string, unknown>;
}

const common = (auth: GrantAuth) => ({
  scopeSeparator: auth.scopeSeparator,
  defaultExpiresInSeconds: auth.defaultExpiresInSeconds,
  parseTokenResponse: auth.parseTokenResponse,
});

function clientCredentialsToken(auth: ClientCredentialsAuth, fields: Record<string, unknown>): Promise<TokenSet> {
  const { clientId, clientSecret } = fields as { clientId: string; clientSecret: string };
  const params: Record<string, string> = { ...auth.tokenParams?.(fields as never), grant_type: 'client_credentials' };
  if (auth.scopes.length) params.scope = auth.scopes.join(auth.scopeSeparator);
  return requestGrantToken({
    tokenUrl: auth.tokenUrl,
    params,
    client: { id: clientId, secret: clientSecret, auth: auth.clientAuth },
    ...common(auth),
  });
}

function jwtBearerToken(auth: JwtBearerAuth, fields: Record<string, unknown>): Promise<TokenSet> {
  const { serviceAccountKey: key, subject } = fields as unknown as JwtBearerFields;
  const tokenUrl = jwtTokenUrl(auth, key.token_uri);
  const assertion = signJwtAssertion(key.private_key, {
    issuer: key.client_email,
    // RFC 7523 requires `sub`; a service account acting as itself is its own subject.
    subject: subject ?? key.client_email,
    audience: tokenUrl,
    scope: auth.scopes.join(auth.scopeSeparator),
    keyId: key.private_key_id,
    lifetimeSeconds: auth.lifetimeSeconds,
  });
  return requestGrantToken({ tokenUrl, params: { grant_type: JWT_BEARER_GRANT_TYPE, assertion }, ...common(auth) });
}

/** Runs the connection's grant once. Failures are OAuthErrors (see grant-failure.ts for what they mean). */
export function fetchGrantToken(auth: GrantAuth, fields: unknown): Promise<TokenSet> {
  try {
    const parsed = parsedFields(auth, fields);
    return auth.kind === 'clientCredentials' ? clientCredentialsToken(auth, parsed) : jwtBearerToken(auth, parsed);
  } catch (error) {
    return Promise.reject(error);
  }
}
