import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { x } from './index.ts';
import { classifyXTokenError, xAuth } from './x-auth.ts';

let h: Harness<typeof x>;
afterEach(() => h?.close());

describe('X OAuth descriptor', () => {
  it('asks for PKCE, Basic client auth and offline.access (so there is a refresh token)', () => {
    expect(xAuth).toMatchObject({ pkce: true, clientAuth: 'basic', tokenUrl: 'https://api.x.com/2/oauth2/token' });
    expect(xAuth.scopes).toContain('offline.access');
    expect(xAuth.scopes).toContain('media.write');
  });

  it("reads X's invalid_request on a refresh (a spent rotating token) as needs_reauth", () => {
    expect(classifyXTokenError({ error: 'invalid_request', status: 400 })).toBe('needs_reauth');
    // Everything else keeps the engine's reading (invalid_grant -> needs_reauth, 5xx -> retry).
    expect(classifyXTokenError({ error: 'invalid_grant', status: 400 })).toBeUndefined();
    expect(classifyXTokenError({ status: 503 })).toBeUndefined();
  });

  it('afterExchange names the account from /2/users/me and keeps the exchanged tokens', async () => {
    h = createTestHarness(x, { credentials: { accessToken: 'unused' } });
    h.on('GET', '/2/users/me').reply(200, { data: { id: '2244994945', name: 'X Dev', username: 'XDevelopers' } });
    const hook = xAuth.afterExchange;
    if (!hook) throw new Error('x declares no afterExchange');
    const expiresAt = new Date('2026-12-02T06:00:00Z');
    const tokens = { accessToken: 'fresh-access', refreshToken: 'fresh-refresh', expiresAt, scopes: ['tweet.read'] };
    const result = await h.oauthHook((ctx) => hook(tokens, ctx));
    expect(result).toEqual({
      tokens: { ...tokens, providerAccountId: '2244994945' },
      metadata: { username: 'XDevelopers' },
    });
    expect(h.requests[0]?.headers.authorization).toBe('Bearer fresh-access');
  });
});
