/**
 * GitHub end to end through the real server: disconnecting deletes the user's grant at GitHub
 * (DELETE /applications/{client_id}/grant with Basic client credentials), so the token stops
 * working there too, and the result says so (PROVIDERS GH2).
 */
import github from '@patchbay/connector-github';
import type { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { type ProviderE2E, startProviderE2E } from '../testing/provider-e2e.ts';
import type { TestServer } from '../testing/test-server.ts';

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let e2e: ProviderE2E;

beforeAll(async () => {
  e2e = await startProviderE2E({ connectors: [github], email: `github-${Date.now()}@example.com`, orgName: 'GitHub E2E' });
  ({ server, owner, org, agent } = e2e);
  ok(
    await owner.mutation('oauthApps.set', {
      connectorId: 'github',
      clientId: 'Iv1.8a61f9b3a7aba766',
      clientSecret: 'github-client-secret',
    }),
  );
});
afterAll(() => e2e?.close());

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

describe('github end to end through the server', () => {
  it('connections.delete revokes the grant at GitHub', async () => {
    agent
      .get('https://github.com')
      .intercept({ path: '/login/oauth/access_token', method: 'POST' })
      .reply(200, { access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a', scope: 'repo', token_type: 'bearer' }, JSON_HEADERS);
    const authorize = await hop(`${server.url}/oauth/github/authorize?org=${org}`, owner);
    const state = (authorize.location as URL).searchParams.get('state') ?? '';
    const back = await hop(`${server.url}/oauth/callback?code=fake-github-code&state=${encodeURIComponent(state)}`, owner);
    const connectionId = back.location?.searchParams.get('connection_id');
    if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);

    let authorization: string | undefined;
    agent
      .get('https://api.github.com')
      .intercept({ path: '/applications/Iv1.8a61f9b3a7aba766/grant', method: 'DELETE' })
      .reply((options) => {
        const headers = options.headers as Record<string, string>;
        authorization = headers.authorization ?? headers.Authorization;
        return { statusCode: 204, data: '' };
      });
    expect(ok(await owner.mutation('connections.delete', { id: connectionId }))).toMatchObject({ revokedAtProvider: true });
    expect(authorization).toBe(`Basic ${Buffer.from('Iv1.8a61f9b3a7aba766:github-client-secret').toString('base64')}`);
  });
});
