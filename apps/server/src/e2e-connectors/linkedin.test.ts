/**
 * LinkedIn end to end through the real server: connect (token endpoint faked with MockAgent,
 * secret in the form body, no PKCE), organizations discovered from organizationAcls and one
 * chosen, a post created with the pinned version headers, its run record read back; then the
 * two token lives: a partner app's refresh token is used before expiry, a plain app's connection
 * turns needs_reauth at expiry with the reason.
 */
import linkedin, { LINKEDIN_VERSION } from '@patchbay/connector-linkedin';
import type { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { type ProviderE2E, startProviderE2E } from '../testing/provider-e2e.ts';
import type { TestServer } from '../testing/test-server.ts';

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const ORG_A = 'urn:li:organization:2414183';
const POST = 'urn:li:share:7269000000000000001';

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let e2e: ProviderE2E;
const tokenCalls: { contentType: string | undefined; authorization: string | undefined }[] = [];
const apiHeaders: Record<string, string>[] = [];

beforeAll(async () => {
  e2e = await startProviderE2E({ connectors: [linkedin], email: `linkedin-${Date.now()}@example.com`, orgName: 'LinkedIn E2E' });
  ({ server, owner, org, agent } = e2e);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'linkedin', clientId: 'li-client-id', clientSecret: 'li-client-secret' }));
  // Two pages the member administers; discover runs after connecting, on connections.discover and on setAccount.
  const api = agent.get('https://api.linkedin.com');
  api
    .intercept({ path: (p) => p.startsWith('/rest/organizationAcls?'), method: 'GET' })
    .reply(
      200,
      {
        elements: [
          { roleAssignee: 'urn:li:person:abc', state: 'APPROVED', role: 'ADMINISTRATOR', organization: ORG_A },
          { roleAssignee: 'urn:li:person:abc', state: 'APPROVED', role: 'ADMINISTRATOR', organization: 'urn:li:organization:42' },
        ],
      },
      JSON_HEADERS,
    )
    .persist();
  api
    .intercept({ path: '/rest/organizations?ids=List(2414183,42)', method: 'GET' })
    .reply(200, { results: { '2414183': { localizedName: 'Devtestco' }, '42': { localizedName: 'Answer Inc' } } }, JSON_HEADERS)
    .persist();
});
afterAll(() => e2e?.close());

function fakeToken(response: Record<string, unknown>) {
  agent
    .get('https://www.linkedin.com')
    .intercept({ path: '/oauth/v2/accessToken', method: 'POST' })
    .reply((options) => {
      const headers = options.headers as Record<string, string>;
      tokenCalls.push({ contentType: headers['content-type'], authorization: headers.authorization });
      return { statusCode: 200, data: JSON.stringify(response), responseOptions: JSON_HEADERS };
    });
}

function fakeCreatePost() {
  agent
    .get('https://api.linkedin.com')
    .intercept({ path: '/rest/posts', method: 'POST' })
    .reply((options) => {
      apiHeaders.push(options.headers as Record<string, string>);
      return { statusCode: 201, data: '', responseOptions: { headers: { 'x-restli-id': POST } } };
    });
}

async function connect(): Promise<{ connectionId: string; back: URL; providerUrl: URL }> {
  const authorize = await hop(`${server.url}/oauth/linkedin/authorize?org=${org}`, owner);
  expect(authorize.status).toBe(302);
  const providerUrl = authorize.location as URL;
  const state = providerUrl.searchParams.get('state') ?? '';
  const back = await hop(`${server.url}/oauth/callback?code=li-code&state=${encodeURIComponent(state)}`, owner);
  const connectionId = back.location?.searchParams.get('connection_id');
  if (!connectionId || !back.location) throw new Error(`connect failed: ${back.location} ${back.text}`);
  return { connectionId, back: back.location, providerUrl };
}

const post = (connectionId: string) => owner.mutation('actions.linkedin.createOrgPost', { connectionId, input: { commentary: 'Hello' } });

describe('linkedin end to end', () => {
  let connectionId = '';

  it('connects (secret in the body, no PKCE), asks to choose between two organizations, and posts as the chosen one', async () => {
    fakeToken({
      access_token: 'AQV-li-access-1',
      expires_in: 5184000,
      scope: 'r_organization_social,w_organization_social,rw_organization_admin',
    });
    const connected = await connect();
    connectionId = connected.connectionId;
    expect(connected.providerUrl.origin + connected.providerUrl.pathname).toBe('https://www.linkedin.com/oauth/v2/authorization');
    expect(connected.providerUrl.searchParams.get('scope')).toBe('r_organization_social w_organization_social rw_organization_admin');
    expect(connected.providerUrl.searchParams.get('code_challenge')).toBeNull();
    expect(tokenCalls.at(-1)).toEqual({
      contentType: expect.stringMatching(/^application\/x-www-form-urlencoded/),
      authorization: undefined,
    });
    expect(connected.back.searchParams.get('account')).toBe('choose');

    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({
      status: 'active',
      scopes: ['r_organization_social', 'w_organization_social', 'rw_organization_admin'],
    });
    expect(new Date(connection.expiresAt).getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);

    expect(ok(await owner.query('connections.discover', { id: connectionId }))).toEqual([
      { id: '2414183', name: 'Devtestco', metadata: { urn: ORG_A, roles: ['ADMINISTRATOR'] } },
      { id: '42', name: 'Answer Inc', metadata: { urn: 'urn:li:organization:42', roles: ['ADMINISTRATOR'] } },
    ]);
    ok(await owner.mutation('connections.setAccount', { id: connectionId, accountId: '2414183' }));

    fakeCreatePost();
    expect(ok(await post(connectionId))).toEqual({ id: POST });
    expect(apiHeaders.at(-1)).toMatchObject({
      authorization: 'Bearer AQV-li-access-1',
      'linkedin-version': LINKEDIN_VERSION,
      'x-restli-protocol-version': '2.0.0',
    });
    const runs = ok(await owner.query('runs.list', { connectionId })).runs;
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'linkedin', action: 'createOrgPost', status: 'succeeded' })]);
    const run = ok(await owner.query('runs.get', { id: runs[0].id }));
    expect(JSON.stringify(run)).not.toContain('AQV-li-access-1');
  });

  it('an app approved for refresh: the refresh token is used before expiry and the post goes out with the new token', async () => {
    fakeToken({
      access_token: 'AQV-li-access-2',
      expires_in: 60,
      refresh_token: 'AQX-li-refresh-2',
      refresh_token_expires_in: 31536000,
      scope: 'r_organization_social,w_organization_social,rw_organization_admin',
    });
    const { connectionId: id } = await connect();
    const before = tokenCalls.length;
    // The token is within the refresh window already, so choosing the organization refreshes it once.
    fakeToken({ access_token: 'AQV-li-access-3', expires_in: 5184000, refresh_token: 'AQX-li-refresh-2', scope: 'w_organization_social' });
    ok(await owner.mutation('connections.setAccount', { id, accountId: '2414183' }));
    fakeCreatePost();
    expect(ok(await post(id))).toEqual({ id: POST });
    expect(tokenCalls.length).toBe(before + 1);
    expect(tokenCalls.at(-1)?.authorization).toBeUndefined();
    expect(apiHeaders.at(-1)?.authorization).toBe('Bearer AQV-li-access-3');
  });

  it('an app without refresh tokens: at expiry the connection needs re-authorization and says why', async () => {
    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', connectionId)
      .execute();
    const refused = await post(connectionId);
    expect(refused.body.error.data).toMatchObject({ reason: 'CONNECTION_INACTIVE', connectionStatus: 'needs_reauth' });
    expect(ok(await owner.query('connections.get', { id: connectionId }))).toMatchObject({
      status: 'needs_reauth',
      lastError: expect.stringContaining('no refresh token'),
    });
  });
});
