/**
 * @module Auth declared as data. The engine reads a connector's descriptor to run OAuth flows,
 * validate API-key credentials and put them on requests; actions never handle tokens.
 */
import type { z } from 'zod';
import type { GrantAuth } from './grant-descriptors.ts';
import type {
  AfterExchangeHook,
  CallbackVerifier,
  RefreshHook,
  RevokeHook,
  TokenRequestBuilder,
  TokenRequestStyle,
} from './oauth-hooks.ts';

/** Where on an outgoing request credentials may go. */
export interface RequestAuthTarget {
  headers: Record<string, string>;
  query: URLSearchParams;
}

/** A token endpoint's answer, normalized (see `parseTokenResponse`). */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string | undefined;
  expiresAt?: Date | undefined;
  scopes?: string[] | undefined;
  tokenType?: string | undefined;
  providerAccountId?: string | undefined;
}

/** A token endpoint's refusal of a refresh, as the engine saw it (RFC 6749 section 5.2). */
export interface TokenError {
  /** The OAuth `error` code (`invalid_grant`, `invalid_request`, ...), when the provider sent one. */
  readonly error: string | undefined;
  /** The HTTP status of the token endpoint's answer, when known. */
  readonly status: number | undefined;
}

/**
 * What a refused refresh means for the connection: `needs_reauth` (a person must authorize
 * again), `revoked` (the provider says the grant was revoked), `retry` (transient: the
 * connection stays active). Undefined falls back to the default reading (`invalid_grant` is
 * `needs_reauth`, `invalid_client` marks the connection `error`, anything else is `retry`).
 */
export type TokenErrorVerdict = 'needs_reauth' | 'revoked' | 'retry';

export interface OAuth2Credentials {
  accessToken: string;
  tokenType?: string | undefined;
  /** The chosen account's own credentials (a Page token), when `discover` gave some. */
  account?: Readonly<Record<string, string>> | undefined;
}

export interface OAuth2Auth {
  readonly kind: 'oauth2';
  readonly authorizationUrl: string;
  readonly tokenUrl: string;
  readonly revokeUrl?: string | undefined;
  readonly scopes: readonly string[];
  readonly scopeSeparator: string;
  readonly pkce: boolean;
  readonly clientAuth: 'basic' | 'body';
  readonly extraAuthorizationParams?: Readonly<Record<string, string>> | undefined;
  /** For providers whose token response is not RFC 6749's (Slack nests tokens; TikTok renames fields). */
  readonly parseTokenResponse?: ((raw: Record<string, unknown>) => TokenSet) | undefined;
  readonly refresh: {
    /** Whether the provider's tokens can be refreshed at all (with a refresh token, or by `run`). */
    readonly supported: boolean;
    /** Lifetime to assume when a token response has no `expires_in`. */
    readonly defaultExpiresInSeconds?: number | undefined;
    /** Refreshes the provider's way instead of `grant_type=refresh_token` (Instagram: no refresh token). */
    readonly run?: RefreshHook | undefined;
    /**
     * Refresh this long before expiry, in the background (the 5-minute refresh cron), instead of
     * 15 minutes: long-lived tokens that die unless refreshed (Instagram: 60 days, at day 50).
     */
    readonly refreshBeforeMs?: number | undefined;
  };
  /** The issuer to expect in `iss` on the callback (RFC 9207), when the provider sends it. */
  readonly issuer?: string | undefined;
  /** For providers that answer a dead refresh token with something other than `invalid_grant`. */
  readonly classifyTokenError?: ((error: TokenError) => TokenErrorVerdict | undefined) | undefined;
  /** Where the access token goes on requests (default `Authorization: Bearer <token>`). */
  readonly apply?: ((credentials: OAuth2Credentials, request: RequestAuthTarget) => void) | undefined;
  /** The client id's parameter name in authorize, token and revoke requests (TikTok: `client_key`). */
  readonly clientIdParam?: string | undefined;
  /** The callback's parameter that carries the code (TikTok Business: `auth_code`). */
  readonly callbackCodeParam?: string | undefined;
  /** Added to every token request (Shopify: `{ expiring: '1' }`). */
  readonly extraTokenParams?: Readonly<Record<string, string>> | undefined;
  /** How the token request is sent: a declared style (GET, JSON body), or a function that builds it. */
  readonly tokenRequest?: TokenRequestStyle | TokenRequestBuilder | undefined;
  /** Runs after the code exchange (Meta: short-lived to long-lived token); may return replacement tokens and metadata. */
  readonly afterExchange?: AfterExchangeHook | undefined;
  /** Revokes the grant the provider's way; without it, an RFC 7009 POST to `revokeUrl` (any 2xx is success). */
  readonly revoke?: RevokeHook | undefined;
  /** Checks the callback's query before the code is exchanged (Shopify signs it with the client secret). */
  readonly verifyCallback?: CallbackVerifier | undefined;
}

export interface ApiKeyAuth<F extends z.ZodObject = z.ZodObject> {
  readonly kind: 'apiKey';
  readonly fields: F;
  readonly apply: (credentials: z.output<F>, request: RequestAuthTarget) => void;
}

export interface BasicAuth<F extends z.ZodObject = z.ZodObject> {
  readonly kind: 'basic';
  readonly fields: F;
  readonly apply: (credentials: z.output<F>, request: RequestAuthTarget) => void;
}

export interface NoAuth {
  readonly kind: 'none';
}

export type AuthDescriptor = OAuth2Auth | ApiKeyAuth | BasicAuth | NoAuth | GrantAuth;

/** The credentials a descriptor's connections hold. */
export type CredentialsOf<A extends AuthDescriptor> = A extends OAuth2Auth | GrantAuth
  ? OAuth2Credentials
  : A extends ApiKeyAuth<infer F>
    ? z.output<F>
    : A extends BasicAuth<infer F>
      ? z.output<F>
      : Record<string, never>;
