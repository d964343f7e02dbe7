/**
 * Slack with token rotation, end to end through the real server: a refresh that oauth.v2.access
 * refuses with `ok: false` at HTTP 200 (a spent refresh token) moves the connection to
 * needs_reauth instead of leaving it active to fail again on every run (PROVIDERS S2).
 */
import slack from '@patchbay/connector-slack';
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
  e2e = await startProviderE2E({ connectors: [slack], email: `slack-${Date.now()}@example.com`, orgName: 'Slack E2E' });
  ({ server, owner, org, agent } = e2e);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'slack', clientId: 'slack-client-id', clientSecret: 'slack-client-secret' }));
});
afterAll(() => e2e?.close());

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const tokenEndpoint = () => agent.get('https://slack.com').intercept({ path: '/api/oauth.v2.access', method: 'POST' });

describe('slack end to end through the server', () => {
  it('a refresh refused with ok:false at HTTP 200 puts the connection in needs_reauth', async () => {
    tokenEndpoint().reply(
      200,
      {
        ok: true,
        access_token: 'xoxe.xoxb-1-rotating',
        refresh_token: 'xoxe-1-refresh',
        expires_in: 43_200,
        token_type: 'bot',
        scope: 'chat:write,channels:read',
        team: { id: 'T9TK3CUKW', name: 'Team' },
      },
      JSON_HEADERS,
    );
    const authorize = await hop(`${server.url}/oauth/slack/authorize?org=${org}`, owner);
    const state = (authorize.location as URL).searchParams.get('state') ?? '';
    const back = await hop(`${server.url}/oauth/callback?code=fake-slack-code&state=${encodeURIComponent(state)}`, owner);
    const connectionId = back.location?.searchParams.get('connection_id');
    if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);

    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', connectionId)
      .execute();
    tokenEndpoint().reply(200, { ok: false, error: 'invalid_refresh_token' }, JSON_HEADERS);

    const failed = await owner.mutation('actions.slack.postMessage', { connectionId, input: { channel: 'C123ABC456', text: 'Hello' } });
    expect(failed.body.error.data).toMatchObject({ reason: 'CONNECTION_INACTIVE', connectionStatus: 'needs_reauth' });
    expect(ok(await owner.query('connections.get', { id: connectionId }))).toMatchObject({
      status: 'needs_reauth',
      lastError: 'The provider refused the refresh token; authorize again',
    });
  });
});
