/**
 * @module The hooks an `oauth2` descriptor may declare for providers that do not follow RFC 6749
 * to the letter: a custom token request, a step after the code exchange, a refresh without a
 * refresh token, and a revocation with its own success test. Hooks run in the engine, never in
 * an action: they see the OAuth app's client secret and the connection's tokens.
 */
import type { HttpClient } from '../http/types.ts';
import type { TokenSet } from './descriptors.ts';

/** What a token request is for, with the parameters RFC 6749 would send (client auth not included). */
export interface TokenRequestContext {
  readonly grantType: 'authorization_code' | 'refresh_token';
  /** `grant_type`, `code`, `redirect_uri`, `code_verifier` or `refresh_token`, plus `extraTokenParams`. */
  readonly params: Readonly<Record<string, string>>;
  readonly tokenUrl: string;
  readonly client: { readonly id: string; readonly secret: string };
  readonly redirectUri: string;
}

/** A token request as a connector builds it; `url` must stay on the token URL's origin. */
export interface TokenHttpRequest {
  /** Default: the descriptor's `tokenUrl`. */
  url?: string | undefined;
  /** Default: POST. */
  method?: 'GET' | 'POST' | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  query?: Readonly<Record<string, string>> | undefined;
  /** `application/x-www-form-urlencoded` body. */
  form?: Readonly<Record<string, string>> | undefined;
  /** JSON body. */
  json?: unknown;
}

/**
 * The declarative shape of a token request: the standard parameters, sent as a GET query (Meta)
 * or a JSON body instead of a form. For anything else, `tokenRequest` takes a function.
 */
export interface TokenRequestStyle {
  readonly method?: 'GET' | 'POST' | undefined;
  readonly encoding?: 'form' | 'json' | undefined;
}

/** The escape hatch: builds the whole token request. The answer still goes through `parseTokenResponse`. */
export type TokenRequestBuilder = (ctx: TokenRequestContext) => TokenHttpRequest;

/** What token hooks get: the OAuth app and an HTTP client limited to the connector's hosts. */
export interface OAuthHookContext {
  /**
   * Requests to the connector's `baseUrls` and its OAuth endpoints' origins only; no credentials
   * are added (put the token where the provider wants it).
   */
  readonly http: HttpClient;
  readonly client: { readonly id: string; readonly secret: string };
  readonly redirectUri: string;
  readonly signal: AbortSignal;
}

/** What `afterExchange` may hand back: replacement tokens and connection metadata. */
export interface AfterExchangeResult {
  /** Replaces the exchanged tokens as a whole (a long-lived token with its own expiry). */
  tokens?: TokenSet | undefined;
  /** Merged into `connections.metadata`. */
  metadata?: Readonly<Record<string, unknown>> | undefined;
}

/** The tokens a connection holds, as the refresh and revoke hooks see them. */
export interface CurrentTokens {
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  readonly tokenType?: string | undefined;
  readonly expiresAt?: Date | undefined;
  readonly scopes: readonly string[];
}

/** Runs after the code exchange: may call the provider and return replacement tokens and metadata. */
export type AfterExchangeHook = (tokens: TokenSet, ctx: OAuthHookContext) => Promise<AfterExchangeResult | undefined>;

/** A refresh the provider does its own way (Instagram: no refresh token). Throw `TokenResponseError` to say why it failed. */
export type RefreshHook = (current: CurrentTokens, ctx: OAuthHookContext) => Promise<TokenSet>;

/** Revokes the grant its own way; resolves true only when the provider confirmed it. */
export type RevokeHook = (tokens: CurrentTokens, ctx: OAuthHookContext) => Promise<boolean>;

/** What `verifyCallback` gets: the provider's redirect back to Patchbay, before the code is exchanged. */
export interface CallbackCheck {
  /** Every query parameter of the callback, URL-decoded (the first value of a repeated one). */
  readonly query: Readonly<Record<string, string>>;
  /** The OAuth app the flow uses; its secret is the key providers sign callbacks with. */
  readonly client: { readonly id: string; readonly secret: string };
  /** The connection parameters the flow began with (Shopify: the shop the callback must name). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly now: Date;
}

/**
 * Checks a callback the provider signs (Shopify's `hmac` over the query): true accepts it. A
 * false (or a throw) ends the flow with `callback_unverified`, and the code is never exchanged.
 */
export type CallbackVerifier = (check: CallbackCheck) => boolean;
