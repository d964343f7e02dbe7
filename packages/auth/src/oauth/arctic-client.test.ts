import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateCodeVerifier, generateState } from 'arctic';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOAuthClient } from './arctic-client.ts';
import { OAuthError } from './oauth-error.ts';
import type { OAuthClientConfig } from './types.ts';

let provider: OAuth2Server;
let base: string;
const seen: { authorization?: string | undefined; body?: Record<string, unknown> }[] = [];
type MutableResponse = { body: Record<string, unknown> | string; statusCode: number };
let rewrite: ((response: MutableResponse) => void) | undefined;

beforeAll(async () => {
  provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  base = provider.issuer.url ?? '';
  provider.service.on('beforeResponse', (response: MutableResponse, req: IncomingMessage & { body?: Record<string, unknown> }) => {
    seen.push({ authorization: req.headers.authorization, body: req.body });
    rewrite?.(response);
  });
});
afterAll(() => provider.stop());
beforeEach(() => {
  seen.length = 0;
  rewrite = undefined;
});

const SECRET = 'client-secret-never-printed';
function config(overrides: Partial<OAuthClientConfig> = {}): OAuthClientConfig {
  return {
    authorizationUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    revokeUrl: `${base}/revoke`,
    clientId: 'patchbay-client',
    clientSecret: SECRET,
    redirectUri: 'http://127.0.0.1:3000/oauth/callback',
    clientAuth: 'basic',
    pkce: true,
    ...overrides,
  };
}

/** Follows the provider's authorize endpoint the way a browser would, up to our redirect. */
async function authorize(url: URL): Promise<URLSearchParams> {
  const res = await fetch(url, { redirect: 'manual' });
  return new URL(res.headers.get('location') ?? '').searchParams;
}

describe('OAuth client (Arctic) against a real OAuth server', () => {
  it('builds the authorization URL with state, PKCE S256, scopes and extra parameters', () => {
    const client = createOAuthClient(
      config({ scopeSeparator: ',', extraAuthorizationParams: { access_type: 'offline', prompt: 'consent' } }),
    );
    const url = client.authorizationUrl({ state: 'st4te', codeVerifier: generateCodeVerifier(), scopes: ['a.read', 'b.write'] });
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'patchbay-client',
      redirect_uri: 'http://127.0.0.1:3000/oauth/callback',
      state: 'st4te',
      code_challenge_method: 'S256',
      scope: 'a.read,b.write',
      access_type: 'offline',
      prompt: 'consent',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('exchanges a code with the PKCE verifier, authenticating with Basic', async () => {
    const client = createOAuthClient(config());
    const verifier = generateCodeVerifier();
    const state = generateState();
    const back = await authorize(client.authorizationUrl({ state, codeVerifier: verifier, scopes: ['read'] }));
    expect(back.get('state')).toBe(state);
    const before = Date.now();
    const tokens = await client.exchangeCode(back.get('code') ?? '', verifier);
    expect(tokens.accessToken).toMatch(/^ey/);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt?.getTime()).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from(`patchbay-client:${SECRET}`).toString('base64')}`);
    expect(seen[0]?.body).not.toHaveProperty('client_secret');
  });

  it('rejects a wrong PKCE verifier without returning tokens', async () => {
    const client = createOAuthClient(config());
    const back = await authorize(client.authorizationUrl({ state: 's', codeVerifier: generateCodeVerifier(), scopes: [] }));
    await expect(client.exchangeCode(back.get('code') ?? '', generateCodeVerifier())).rejects.toBeInstanceOf(OAuthError);
  });

  it('sends the secret in the body for clientAuth "body"', async () => {
    const client = createOAuthClient(config({ clientAuth: 'body', pkce: false }));
    const back = await authorize(client.authorizationUrl({ state: 's', scopes: [] }));
    await client.exchangeCode(back.get('code') ?? '');
    expect(seen[0]?.authorization).toBeUndefined();
    expect(seen[0]?.body).toMatchObject({ client_id: 'patchbay-client', client_secret: SECRET, grant_type: 'authorization_code' });
  });

  it('keeps no refresh token and applies the default lifetime when the response omits them', async () => {
    rewrite = (response) => {
      const body = response.body as Record<string, unknown>;
      delete body.refresh_token;
      delete body.expires_in;
    };
    const client = createOAuthClient(config({ defaultExpiresInSeconds: 600 }));
    const before = Date.now();
    const tokens = await client.refresh('old-refresh-token');
    expect(tokens.refreshToken).toBeUndefined();
    expect(tokens.expiresAt?.getTime()).toBeGreaterThanOrEqual(before + 600_000);
    expect(tokens.expiresAt?.getTime()).toBeLessThan(before + 601_000 + 1000);
  });

  it('maps invalid_grant, without the secret in the message', async () => {
    rewrite = (response) => {
      response.statusCode = 400;
      response.body = { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' };
    };
    for (const clientAuth of ['basic', 'body'] as const) {
      const error = await createOAuthClient(config({ clientAuth }))
        .refresh('revoked-refresh-token')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OAuthError);
      expect((error as OAuthError).code).toBe('invalid_grant');
      expect(String((error as Error).message)).not.toContain(SECRET);
      expect(String((error as Error).message)).not.toContain('revoked-refresh-token');
    }
  });

  it('reads non-standard token responses through parseTokenResponse, and 200 responses that carry an error', async () => {
    rewrite = (response) => {
      response.body = {
        ok: true,
        authed_user: { id: 'U1' },
        team: { id: 'T9' },
        bot: { bot_access_token: 'xoxb-nested', scope: 'chat:write' },
      };
    };
    const client = createOAuthClient(
      config({
        parseTokenResponse: (raw) => {
          const bot = raw.bot as { bot_access_token: string; scope: string };
          return { accessToken: bot.bot_access_token, scopes: bot.scope.split(','), providerAccountId: (raw.team as { id: string }).id };
        },
      }),
    );
    expect(await client.refresh('r')).toEqual({ accessToken: 'xoxb-nested', scopes: ['chat:write'], providerAccountId: 'T9' });
    rewrite = (response) => {
      response.body = { ok: false, error: 'invalid_code' };
    };
    await expect(client.refresh('r')).rejects.toMatchObject({ code: 'provider_error', providerCode: 'invalid_code' });
  });

  it('revokes at the provider, and does nothing when the provider has no revocation endpoint', async () => {
    let revoked: string | undefined;
    provider.service.once('beforeRevoke', (_res: unknown, req: IncomingMessage & { body?: { token?: string } }) => {
      revoked = req.body?.token ?? 'called';
    });
    await createOAuthClient(config()).revoke('token-to-revoke');
    expect(revoked).toBeDefined();
    await expect(createOAuthClient(config({ revokeUrl: undefined })).revoke('t')).resolves.toBeUndefined();
  });
});

describe('OAuth client limits', () => {
  let silent: Server;
  let silentUrl: string;
  beforeAll(async () => {
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
  });

  it('gives up on a provider that never answers', async () => {
    for (const clientAuth of ['basic', 'body'] as const) {
      const client = createOAuthClient(config({ tokenUrl: `${silentUrl}/token`, clientAuth, timeoutMs: 200 }));
      await expect(client.refresh('r')).rejects.toMatchObject({ code: 'timeout' });
    }
  });

  it('reports an unreachable provider', async () => {
    const client = createOAuthClient(config({ tokenUrl: 'http://127.0.0.1:1/token' }));
    await expect(client.refresh('r')).rejects.toMatchObject({ code: 'unreachable' });
  });
});
