/**
 * @module The signed assertion of the JWT bearer grant (RFC 7523 section 2.1), RS256 with
 * node:crypto: a service-account key proves who is asking without any secret on the wire. The
 * private key never appears in an error: a key that cannot sign fails as `invalid_client`.
 */
import { createPrivateKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import { OAuthError } from './oauth-error.ts';

export interface AssertionClaims {
  /** `iss`: the service account (Google: its `client_email`). */
  issuer: string;
  /** `sub`: whom the token acts for (a delegated user, or the service account itself). */
  subject: string;
  /** `aud`: the token endpoint the assertion is posted to. */
  audience: string;
  /** Space-separated scopes (Google reads them from the assertion, not the form). */
  scope?: string | undefined;
  /** `kid` header: which of the account's keys signed (Google: `private_key_id`). */
  keyId: string;
  lifetimeSeconds: number;
  /** Milliseconds since the epoch (tests pin it). */
  now?: number | undefined;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function privateKeyOf(pem: string): KeyObject {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'rsa') return key;
  } catch {
    // Reported below without the key or the parser's words about it.
  }
  throw new OAuthError('invalid_client', 'the service-account private key is not a usable RSA key');
}

/**
 * Signs a JWT bearer assertion.
 *
 * @example
 * const assertion = signJwtAssertion(key.private_key, { issuer: key.client_email, subject: key.client_email, audience: tokenUrl, keyId: key.private_key_id, lifetimeSeconds: 3600 });
 */
export function signJwtAssertion(privateKeyPem: string, claims: AssertionClaims): string {
  const key = privateKeyOf(privateKeyPem);
  const iat = Math.floor((claims.now ?? Date.now()) / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: claims.keyId };
  const payload = {
    iss: claims.issuer,
    sub: claims.subject,
    aud: claims.audience,
    ...(claims.scope ? { scope: claims.scope } : {}),
    iat,
    exp: iat + claims.lifetimeSeconds,
    // A fresh id per assertion lets a server refuse a replayed one (RFC 7523 section 3, item 7).
    jti: randomUUID(),
  };
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput), key).toString('base64url');
  return `${signingInput}.${signature}`;
}
