/**
 * @module The grant descriptors' constructors. `jwtBearer` builds its `fields` schema from the
 * descriptor, so a key whose `token_uri` names a host the connector did not declare is refused
 * when the connection is created, before anything is signed or stored.
 */
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import {
  type ClientCredentialsAuth,
  type ClientCredentialsFields,
  declaredTokenUrl,
  type JwtBearerAuth,
  type JwtBearerFields,
} from './grant-descriptors.ts';

const clientCredentialsFields = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });

type ClientCredentialsOptions<F extends z.ZodType<ClientCredentialsFields>> = Omit<
  ClientCredentialsAuth<F>,
  'kind' | 'scopeSeparator' | 'clientAuth' | 'fields' | 'scopes'
> &
  Partial<Pick<ClientCredentialsAuth<F>, 'scopeSeparator' | 'clientAuth' | 'scopes'>> & { fields?: F };

/**
 * OAuth 2.0 client credentials (RFC 6749 section 4.4). The tenant supplies `clientId` and
 * `clientSecret` (and any other `fields`) to `connections.create`; the engine fetches a token with
 * them and fetches a new one when it expires. Requests get `Authorization: Bearer <token>`.
 *
 * @example
 * clientCredentials({ tokenUrl: 'https://api.example.com/oauth/token', scopes: ['read'], clientAuth: 'body' })
 */
export function clientCredentials<const F extends z.ZodType<ClientCredentialsFields>>(
  options: ClientCredentialsOptions<F> & { fields: F },
): ClientCredentialsAuth<F>;
export function clientCredentials(
  options: ClientCredentialsOptions<typeof clientCredentialsFields>,
): ClientCredentialsAuth<typeof clientCredentialsFields>;
export function clientCredentials(options: ClientCredentialsOptions<z.ZodType<ClientCredentialsFields>>): ClientCredentialsAuth {
  return Object.freeze({
    kind: 'clientCredentials',
    scopes: [],
    scopeSeparator: ' ',
    clientAuth: 'basic',
    ...options,
    fields: options.fields ?? clientCredentialsFields,
  } as const);
}

/** The longest assertion lifetime accepted (Google refuses longer ones). */
export const MAX_ASSERTION_LIFETIME_SECONDS = 3600;

function isRsaPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

/** A key pasted as the JSON text Google hands out, or as the parsed object. */
function parsedJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function jwtBearerFields(allowedTokenUrls: readonly string[]): z.ZodType<JwtBearerFields> {
  const key = z.object({
    client_email: z.string().min(1).max(320),
    // Messages never repeat the value: it is the private key.
    private_key: z.string().refine(isRsaPrivateKey, 'private_key is not a PEM RSA private key'),
    private_key_id: z.string().min(1).max(200),
    token_uri: z
      .string()
      .refine((uri) => declaredTokenUrl(allowedTokenUrls, uri) !== undefined, 'token_uri is not a token endpoint this connector allows')
      .optional(),
  });
  return z.object({ serviceAccountKey: z.preprocess(parsedJson, key), subject: z.string().min(1).max(320).optional() });
}

type JwtBearerOptions = Omit<JwtBearerAuth, 'kind' | 'scopeSeparator' | 'tokenUrls' | 'lifetimeSeconds' | 'fields'> &
  Partial<Pick<JwtBearerAuth, 'scopeSeparator' | 'tokenUrls' | 'lifetimeSeconds'>>;

/**
 * Service-account JWT bearer grant (RFC 7523), as Google uses it. The tenant supplies the key JSON
 * (`serviceAccountKey`) and, for domain-wide delegation, `subject`; the engine signs a short RS256
 * assertion with it for every token. A key whose `token_uri` is neither `tokenUrl` nor one of
 * `tokenUrls` is refused.
 *
 * @example
 * jwtBearer({ tokenUrl: 'https://oauth2.googleapis.com/token', scopes: ['https://www.googleapis.com/auth/drive.readonly'] })
 */
export function jwtBearer(options: JwtBearerOptions): JwtBearerAuth {
  const lifetimeSeconds = options.lifetimeSeconds ?? MAX_ASSERTION_LIFETIME_SECONDS;
  if (!(lifetimeSeconds > 0 && lifetimeSeconds <= MAX_ASSERTION_LIFETIME_SECONDS)) {
    throw new TypeError(`jwtBearer: lifetimeSeconds must be between 1 and ${MAX_ASSERTION_LIFETIME_SECONDS}`);
  }
  const tokenUrls = options.tokenUrls ?? [];
  return Object.freeze({
    kind: 'jwtBearer',
    scopeSeparator: ' ',
    ...options,
    tokenUrls,
    lifetimeSeconds,
    fields: jwtBearerFields([options.tokenUrl, ...tokenUrls]),
  } as const);
}
