import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateServiceAccountKey } from '../testing/fake-jwt-bearer-endpoint.ts';
import { signJwtAssertion } from './jwt-assertion.ts';
import { OAuthError } from './oauth-error.ts';

const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString()) as Record<string, unknown>;

describe('signJwtAssertion (RFC 7523 section 2.1)', () => {
  const { key, keyId, publicKey } = generateServiceAccountKey('robot@project.iam.example.com');

  it('signs RS256 with the kid header and the claims a token endpoint checks', () => {
    const now = Date.UTC(2026, 11, 1, 12, 0, 0);
    const assertion = signJwtAssertion(key.private_key, {
      issuer: key.client_email,
      subject: 'ada@example.com',
      audience: 'https://oauth2.example.com/token',
      scope: 'a b',
      keyId,
      lifetimeSeconds: 3600,
      now,
    });
    const [h, p, s] = assertion.split('.');
    expect(verify('sha256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s ?? '', 'base64url'))).toBe(true);
    expect(decode(h)).toEqual({ alg: 'RS256', typ: 'JWT', kid: keyId });
    const claims = decode(p);
    expect(claims).toMatchObject({
      iss: 'robot@project.iam.example.com',
      sub: 'ada@example.com',
      aud: 'https://oauth2.example.com/token',
      scope: 'a b',
      iat: now / 1000,
      exp: now / 1000 + 3600,
    });
    expect(claims.jti).toEqual(expect.any(String));
  });

  it('does not verify with another key', () => {
    const other = generateServiceAccountKey('other@example.com');
    const assertion = signJwtAssertion(key.private_key, { issuer: 'i', subject: 's', audience: 'a', keyId, lifetimeSeconds: 60 });
    const [h, p, s] = assertion.split('.');
    expect(verify('sha256', Buffer.from(`${h}.${p}`), other.publicKey, Buffer.from(s ?? '', 'base64url'))).toBe(false);
  });

  it('refuses a key that cannot sign as invalid_client, without repeating the key', () => {
    const broken = key.private_key.slice(0, 200) + key.private_key.slice(400);
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const pem of [broken, publicPem, ec, 'not a key']) {
      let thrown: unknown;
      try {
        signJwtAssertion(pem, { issuer: 'i', subject: 's', audience: 'a', keyId, lifetimeSeconds: 60 });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(OAuthError);
      expect((thrown as OAuthError).code).toBe('invalid_client');
      expect((thrown as OAuthError).message).not.toContain('PRIVATE KEY');
    }
  });
});
