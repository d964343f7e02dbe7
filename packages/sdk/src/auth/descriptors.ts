/**
 * @module Auth declared as data. The engine reads a connector's descriptor to run OAuth flows,
 * validate API-key credentials and put them on requests; actions never handle tokens.
 */
import type { z } from 'zod';

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

export interface OAuth2Credentials {
  accessToken: string;
  tokenType?: string | undefined;
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
    /** Whether the provider issues refresh tokens at all. */
    readonly supported: boolean;
    /** Lifetime to assume when a token response has no `expires_in`. */
    readonly defaultExpiresInSeconds?: number | undefined;
  };
  /** The issuer to expect in `iss` on the callback (RFC 9207), when the provider sends it. */
  readonly issuer?: string | undefined;
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

export type AuthDescriptor = OAuth2Auth | ApiKeyAuth | BasicAuth | NoAuth;

/** The credentials a descriptor's connections hold. */
export type CredentialsOf<A extends AuthDescriptor> = A extends OAuth2Auth
  ? OAuth2Credentials
  : A extends ApiKeyAuth<infer F>
    ? z.output<F>
    : A extends BasicAuth<infer F>
      ? z.output<F>
      : Record<string, never>;
