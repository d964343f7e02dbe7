/**
 * @module Grants that need no person at the provider: OAuth 2.0 client credentials (RFC 6749
 * section 4.4) and the JWT bearer grant with a service-account key (RFC 7523, Google). The tenant
 * supplies the client's secret or key with `connections.create`; the engine fetches access tokens
 * with it, stores both sealed, and runs the grant again when a token expires. Actions only ever see
 * the access token.
 */
import type { z } from 'zod';
import type { OAuth2Credentials, RequestAuthTarget, TokenError, TokenErrorVerdict, TokenSet } from './descriptors.ts';

/** What a client-credentials connection's `fields` must produce at least. */
export interface ClientCredentialsFields {
  clientId: string;
  clientSecret: string;
}

/** Shared by both grants: the token endpoint, the scopes asked for, and where the token goes. */
interface GrantCommon {
  readonly tokenUrl: string;
  readonly scopes: readonly string[];
  readonly scopeSeparator: string;
  /** Lifetime to assume when a token response has no `expires_in`. */
  readonly defaultExpiresInSeconds?: number | undefined;
  /** For providers whose token response is not RFC 6749's. */
  readonly parseTokenResponse?: ((raw: Record<string, unknown>) => TokenSet) | undefined;
  /** Where the access token goes on a request (default `Authorization: Bearer <token>`). */
  readonly apply?: ((credentials: OAuth2Credentials, request: RequestAuthTarget) => void) | undefined;
  /**
   * Reads a refused token request. Undefined falls back to the default: `invalid_client`,
   * `invalid_grant`, `unauthorized_client`, 401 and 403 are `needs_reauth` (the tenant must
   * supply working credentials), anything else is `retry`.
   */
  readonly classifyTokenError?: ((error: TokenError) => TokenErrorVerdict | undefined) | undefined;
}

export interface ClientCredentialsAuth<F extends z.ZodType<ClientCredentialsFields> = z.ZodType<ClientCredentialsFields>>
  extends GrantCommon {
  readonly kind: 'clientCredentials';
  /** How the client authenticates at the token endpoint (RFC 6749 section 2.3.1). */
  readonly clientAuth: 'basic' | 'body';
  /** What the tenant supplies: `clientId` and `clientSecret`, and any other field the provider needs. */
  readonly fields: F;
  /** Extra token request parameters built from the fields (Auth0 `audience`). */
  readonly tokenParams?: ((fields: z.output<F>) => Readonly<Record<string, string>>) | undefined;
}

/** A service-account key as the tenant supplied it, after validation (the fields `jwtBearer` keeps). */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id: string;
  token_uri?: string | undefined;
}

export interface JwtBearerFields {
  serviceAccountKey: ServiceAccountKey;
  /** The user to act for (Google domain-wide delegation); the service account itself when absent. */
  subject?: string | undefined;
}

export interface JwtBearerAuth extends GrantCommon {
  readonly kind: 'jwtBearer';
  /**
   * Token endpoints a key's `token_uri` may name besides `tokenUrl`. A key naming any other
   * endpoint is refused: the signed assertion would be handed to that host.
   */
  readonly tokenUrls: readonly string[];
  /** The assertion's lifetime, at most 3600 s (RFC 7523 asks for short-lived assertions; Google's cap). */
  readonly lifetimeSeconds: number;
  readonly fields: z.ZodType<JwtBearerFields>;
}

export type GrantAuth = ClientCredentialsAuth | JwtBearerAuth;

/** Whether a descriptor is one of the grants the engine runs by itself. */
export function isGrantAuth(auth: { readonly kind: string }): auth is GrantAuth {
  return auth.kind === 'clientCredentials' || auth.kind === 'jwtBearer';
}

/**
 * The declared token endpoint a key's `token_uri` names, compared as parsed URLs, or undefined
 * when it names none of them (then nothing may be signed for it).
 */
export function declaredTokenUrl(declared: readonly string[], tokenUri: string): string | undefined {
  if (!URL.canParse(tokenUri)) return undefined;
  const wanted = new URL(tokenUri).href;
  return declared.find((url) => URL.canParse(url) && new URL(url).href === wanted);
}
