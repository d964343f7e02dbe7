import type { TokenRequestBuilder, TokenRequestStyle, TokenSet } from '@patchbay/sdk';

/** What a provider's token endpoint gave us, normalized: the SDK's type, as connectors produce it. */
export type { TokenSet };

/** Turns a provider's raw token response into a TokenSet (for non-standard shapes like Slack's). */
export type TokenResponseParser = (raw: Record<string, unknown>) => TokenSet;

export interface OAuthClientConfig {
  authorizationUrl: string;
  tokenUrl: string;
  revokeUrl?: string | undefined;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** How the client authenticates at the token endpoint. */
  clientAuth: 'basic' | 'body';
  pkce: boolean;
  scopeSeparator?: string;
  extraAuthorizationParams?: Readonly<Record<string, string>>;
  parseTokenResponse?: TokenResponseParser;
  /** Lifetime assumed when a response has no `expires_in`. */
  defaultExpiresInSeconds?: number;
  /** The client id's parameter name (TikTok: `client_key`). */
  clientIdParam?: string;
  /** Added to every token request. */
  extraTokenParams?: Readonly<Record<string, string>>;
  /** A GET or JSON token request, or one the connector builds. */
  tokenRequest?: TokenRequestStyle | TokenRequestBuilder;
  /** Per request to the provider (default 15 s). */
  timeoutMs?: number;
}

export interface AuthorizationRequest {
  state: string;
  /** Present when the connector uses PKCE (S256). */
  codeVerifier?: string | undefined;
  scopes: readonly string[];
}

/** The OAuth operations Patchbay needs. Only `arctic-client.ts` knows how they are done. */
export interface OAuthClient {
  authorizationUrl(request: AuthorizationRequest): URL;
  exchangeCode(code: string, codeVerifier?: string): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  /** Revokes a token at the provider; a no-op when the provider has no revocation endpoint. */
  revoke(token: string): Promise<void>;
}
