/**
 * Google Ads end to end through the real server: OAuth with a manager account given as a
 * connection parameter, `discover` listing that manager's client accounts, the admin choosing one,
 * a GAQL search on it (reached through the manager), and the run record. Google's token endpoint
 * and the Ads API are faked at the HTTP layer with undici's MockAgent; the rest is real.
 */
import googleAds from '@patchbay/connector-google-ads';
import type { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { type ProviderE2E, startProviderE2E } from '../testing/provider-e2e.ts';
import type { TestServer } from '../testing/test-server.ts';

const MANAGER = '9876543210';
const CLIENT = '1234567890';
const ADS = 'https://googleads.googleapis.com';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let e2e: ProviderE2E;
/** Every request the fake Ads API saw: path and the manager header. */
const adsSeen: { path: string; loginCustomerId: string | undefined; authorization: string | undefined }[] = [];

beforeAll(async () => {
  e2e = await startProviderE2E({ connectors: [googleAds], email: `ads-e2e-${Date.now()}@example.com`, orgName: 'Ads E2E' });
  ({ server, owner, org, agent } = e2e);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'google-ads', clientId: 'ads-client-id', clientSecret: 'ads-client-secret' }));
});
afterAll(() => e2e?.close());

/** A fake Ads API route answering `times` requests, recording each. */
function fakeAds(method: 'GET' | 'POST', path: string, body: unknown, times = 1) {
  agent
    .get(ADS)
    .intercept({ path, method })
    .reply((options) => {
      const headers = options.headers as Record<string, string>;
      adsSeen.push({ path, loginCustomerId: headers['login-customer-id'], authorization: headers.authorization });
      return { statusCode: 200, data: JSON.stringify(body), responseOptions: JSON_HEADERS };
    })
    .times(times);
}

const managerClients = {
  results: [
    {
      customerClient: {
        resourceName: `customers/${MANAGER}/customerClients/${CLIENT}`,
        id: CLIENT,
        descriptiveName: 'Bakery',
        manager: false,
      },
    },
    {
      customerClient: {
        resourceName: `customers/${MANAGER}/customerClients/5550001111`,
        id: '5550001111',
        descriptiveName: 'Bikes',
        manager: false,
      },
    },
  ],
  fieldMask: 'customerClient.id,customerClient.descriptiveName,customerClient.manager',
};

describe('google-ads end to end', () => {
  let connectionId: string;

  it('the catalog lists every action with JSON Schemas, the manager id to collect, and that a customer is chosen', async () => {
    const catalog = ok(await owner.query('connectors.list')) as {
      id: string;
      paramsSchema?: unknown;
      choosesAccount: boolean;
      actions: { name: string; inputSchema: unknown; outputSchema: unknown }[];
    }[];
    const ads = catalog.find((c) => c.id === 'google-ads');
    expect(ads?.choosesAccount).toBe(true);
    expect(ads?.paramsSchema).toMatchObject({ type: 'object', properties: { loginCustomerId: { type: 'string' } } });
    expect(ads?.actions.map((a) => a.name).sort()).toEqual([
      'listAccessibleCustomers',
      'mutateCampaignStatus',
      'search',
      'updateCampaignBudget',
      'uploadClickConversions',
    ]);
    for (const action of ads?.actions ?? []) expect(action.inputSchema, action.name).toMatchObject({ type: 'object' });
  });

  it('connects with a manager id, and waits for a customer to be chosen among its clients', async () => {
    agent.get('https://oauth2.googleapis.com').intercept({ path: '/token', method: 'POST' }).reply(
      200,
      {
        access_token: 'ya29.a0AfB_byC-fake-ads-access',
        expires_in: 3599,
        refresh_token: '1//0gfake-ads-refresh',
        scope: 'https://www.googleapis.com/auth/adwords',
        token_type: 'Bearer',
      },
      JSON_HEADERS,
    );
    fakeAds('POST', `/v25/customers/${MANAGER}/googleAds:search`, managerClients);

    const params = JSON.stringify({ loginCustomerId: '987-654-3210' });
    const authorize = await hop(`${server.url}/oauth/google-ads/authorize?org=${org}&params=${encodeURIComponent(params)}`, owner);
    expect(authorize.status).toBe(302);
    const providerUrl = authorize.location as URL;
    expect(providerUrl.origin + providerUrl.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(providerUrl.searchParams)).toMatchObject({
      scope: 'https://www.googleapis.com/auth/adwords',
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
    });
    const state = providerUrl.searchParams.get('state') ?? '';
    const back = await hop(`${server.url}/oauth/callback?code=fake-ads-code&state=${encodeURIComponent(state)}`, owner);
    connectionId = back.location?.searchParams.get('connection_id') ?? '';
    expect(connectionId, `${back.status} ${back.text}`).not.toBe('');
    expect(back.location?.searchParams.get('status')).toBe('connected');
    expect(back.location?.searchParams.get('account')).toBe('choose');

    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection.metadata).toEqual({ params: { loginCustomerId: MANAGER }, account: null });
    // discover asked the manager for its clients, as the manager.
    expect(adsSeen.at(-1)).toEqual({
      path: `/v25/customers/${MANAGER}/googleAds:search`,
      loginCustomerId: MANAGER,
      authorization: 'Bearer ya29.a0AfB_byC-fake-ads-access',
    });
  });

  it('lists the clients, stores the chosen one, and searches it through the manager; the run is recorded', async () => {
    fakeAds('POST', `/v25/customers/${MANAGER}/googleAds:search`, managerClients, 2);
    expect(ok(await owner.query('connections.discover', { id: connectionId }))).toEqual([
      { id: CLIENT, name: 'Bakery (123-456-7890)', metadata: { loginCustomerId: MANAGER } },
      { id: '5550001111', name: 'Bikes (555-000-1111)', metadata: { loginCustomerId: MANAGER } },
    ]);
    expect(ok(await owner.mutation('connections.setAccount', { id: connectionId, accountId: CLIENT }))).toEqual({
      id: CLIENT,
      name: 'Bakery (123-456-7890)',
      metadata: { loginCustomerId: MANAGER },
    });

    fakeAds('POST', `/v25/customers/${CLIENT}/googleAds:search`, {
      results: [{ campaign: { resourceName: `customers/${CLIENT}/campaigns/111`, id: '111', name: 'Winter' }, metrics: { clicks: '42' } }],
      fieldMask: 'campaign.id,campaign.name,metrics.clicks',
    });
    const out = ok(
      await owner.mutation('actions.google-ads.search', {
        connectionId,
        input: { query: 'SELECT campaign.id, campaign.name, metrics.clicks FROM campaign' },
      }),
    );
    expect(out).toEqual({
      rows: [
        {
          'campaign.resource_name': `customers/${CLIENT}/campaigns/111`,
          'campaign.id': '111',
          'campaign.name': 'Winter',
          'metrics.clicks': '42',
        },
      ],
      fields: ['campaign.id', 'campaign.name', 'metrics.clicks'],
      nextPageToken: null,
    });
    expect(adsSeen.at(-1)).toMatchObject({ path: `/v25/customers/${CLIENT}/googleAds:search`, loginCustomerId: MANAGER });

    const runs = ok(await owner.query('runs.list', { connectionId })).runs as {
      id: string;
      status: string;
      action: string;
      connectorId: string;
    }[];
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'google-ads', action: 'search', status: 'succeeded' })]);
    const run = ok(await owner.query('runs.get', { id: runs[0]?.id ?? '' }));
    expect(run.output).toEqual(out);
    expect(JSON.stringify(run)).not.toContain('ya29.a0AfB_byC-fake-ads-access');
  });
});
