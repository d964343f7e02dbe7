/**
 * @module A token endpoint for the JWT bearer grant (RFC 7523), on 127.0.0.1, that checks what
 * a real one checks: the RS256 signature against the public key registered for the `kid`, the
 * issuer that key belongs to, `aud` equal to its own URL, `exp` in the future and at most an
 * hour after `iat`. Tests read the verified claims of every request it received.
 */

import { generateKeyPairSync, type KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface ReceivedAssertion {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export interface FakeJwtBearerEndpoint {
  /** The token endpoint's URL (`aud` must equal it). */
  tokenUrl: string;
  /** Verified assertions, one per request that passed. */
  assertions: ReceivedAssertion[];
  /** Every request, passed or refused. */
  requests: number;
  /** Access tokens issued, each to the `sub` it acts for. */
  issued: Map<string, string>;
  /** `expires_in` of the next tokens (default 3600). */
  expiresIn: number;
  /** Answers to give instead of checking, one per request (e.g. a 503), then back to checking. */
  script: { status: number; body: Record<string, unknown> }[];
  /** Accepts assertions signed by this key for this issuer. */
  trust(keyId: string, issuer: string, publicKey: KeyObject): void;
  /** Stops accepting the key (as a provider does when a key is deleted). */
  distrust(keyId: string): void;
  stop(): Promise<void>;
}

/** A service-account key JSON like Google's, and the public half a provider keeps. */
export function generateServiceAccountKey(clientEmail: string, tokenUri?: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = randomBytes(10).toString('hex');
  const key = {
    type: 'service_account',
    client_email: clientEmail,
    private_key_id: keyId,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    ...(tokenUri ? { token_uri: tokenUri } : {}),
  };
  return { key, keyId, publicKey };
}

const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString()) as Record<string, unknown>;

export async function startFakeJwtBearerEndpoint(): Promise<FakeJwtBearerEndpoint> {
  const keys = new Map<string, { issuer: string; publicKey: KeyObject }>();
  const state = {
    assertions: [] as ReceivedAssertion[],
    requests: 0,
    issued: new Map<string, string>(),
    expiresIn: 3600,
    script: [] as FakeJwtBearerEndpoint['script'],
  };
  let tokenUrl = '';

  const check = (form: URLSearchParams): { status: number; body: Record<string, unknown> } => {
    const invalid = (why: string) => ({ status: 400, body: { error: 'invalid_grant', error_description: why } });
    if (form.get('grant_type') !== JWT_BEARER_GRANT) return { status: 400, body: { error: 'unsupported_grant_type' } };
    const [h, p, s] = (form.get('assertion') ?? '').split('.');
    let header: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      header = decode(h);
      claims = decode(p);
    } catch {
      return invalid('malformed assertion');
    }
    const known = keys.get(String(header.kid));
    if (header.alg !== 'RS256' || !known) return invalid('unknown key');
    if (!verify('sha256', Buffer.from(`${h}.${p}`), known.publicKey, Buffer.from(s ?? '', 'base64url'))) return invalid('bad signature');
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp } = claims as { iat: number; exp: number };
    if (claims.iss !== known.issuer) return invalid('wrong issuer');
    if (claims.aud !== tokenUrl) return invalid('wrong audience');
    if (!(exp > now && exp - iat <= 3600 && iat <= now + 60)) return invalid('bad lifetime');
    state.assertions.push({ header, claims });
    const accessToken = `jwt-at-${randomBytes(12).toString('hex')}`;
    state.issued.set(accessToken, String(claims.sub));
    return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: state.expiresIn } };
  };

  const server = createServer(async (req, res) => {
    const form = new URLSearchParams(await text(req));
    state.requests += 1;
    const answer = state.script.shift() ?? check(form);
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;

  return Object.assign(state, {
    tokenUrl,
    trust: (keyId: string, issuer: string, publicKey: KeyObject) => void keys.set(keyId, { issuer, publicKey }),
    distrust: (keyId: string) => void keys.delete(keyId),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
