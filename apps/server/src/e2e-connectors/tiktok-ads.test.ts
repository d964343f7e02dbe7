/**
 * TikTok Ads end to end through the real server: the callback carries `auth_code`, the token
 * request is JSON `{ app_id, secret, auth_code }` answered in a `code` envelope, afterExchange
 * keeps the granted advertisers, discover checks them and the only one is chosen; an action
 * then sends `Access-Token` and its run is recorded. A used auth_code ends the flow with
 * `invalid_grant` and saves nothing.
 */
import tiktokAds from '@patchbay/connector-tiktok-ads';
import type { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { type ProviderE2E, startProviderE2E } from '../testing/provider-e2e.ts';
import type { TestServer } from '../testing/test-server.ts';

const ORIGIN = 'https://business-api.tiktok.com';
const API = '/open_api/v1.3';
const ADVERTISER = '7000000000000000001';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const envelope = (data: unknown) => ({ code: 0, message: 'OK', request_id: '20261202020000', data });

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let e2e: ProviderE2E;
const seen: { path: string; headers: Record<string, string> }[] = [];

beforeAll(async () => {
  e2e = await startProviderE2E({ connectors: [tiktokAds], email: `tiktok-ads-${Date.now()}@example.com`, orgName: 'TikTok Ads E2E' });
  ({ server, owner, org, agent } = e2e);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'tiktok-ads', clientId: 'tt-app-id', clientSecret: 'tt-app-secret' }));
});
afterAll(() => e2e?.close());

function fake(method: string, path: string | ((p: string) => boolean), body: unknown, times = 1) {
  agent
    .get(ORIGIN)
    .intercept({ path, method })
    .reply((options) => {
      seen.push({ path: String(options.path), headers: options.headers as Record<string, string> });
      return { statusCode: 200, data: JSON.stringify(body), responseOptions: JSON_HEADERS };
    })
    .times(times);
}

async function authorize(): Promise<{ providerUrl: URL; state: string }> {
  const first = await hop(`${server.url}/oauth/tiktok-ads/authorize?org=${org}`, owner);
  expect(first.status).toBe(302);
  const providerUrl = first.location as URL;
  return { providerUrl, state: providerUrl.searchParams.get('state') ?? '' };
}

describe('tiktok-ads end to end', () => {
  it('connects with auth_code, keeps the granted advertiser, chooses it, and lists campaigns with Access-Token', async () => {
    fake('POST', `${API}/oauth2/access_token/`, envelope({ access_token: 'tt-ads-token-1', advertiser_ids: [ADVERTISER], scope: [4] }));
    fake(
      'GET',
      (p) => p.startsWith(`${API}/oauth2/advertiser/get/?`),
      envelope({ list: [{ advertiser_id: ADVERTISER, advertiser_name: 'Acme Shoes' }] }),
    );
    fake(
      'GET',
      (p) => p.startsWith(`${API}/advertiser/info/?`),
      envelope({ list: [{ advertiser_id: ADVERTISER, name: 'Acme Shoes', currency: 'USD' }] }),
    );

    const { providerUrl, state } = await authorize();
    expect(providerUrl.origin + providerUrl.pathname).toBe(`${ORIGIN}/portal/auth`);
    expect(providerUrl.searchParams.get('app_id')).toBe('tt-app-id');
    expect(providerUrl.searchParams.get('client_id')).toBeNull();
    const back = await hop(`${server.url}/oauth/callback?auth_code=tt-auth-code&state=${encodeURIComponent(state)}`, owner);
    const connectionId = back.location?.searchParams.get('connection_id');
    if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);
    expect(back.location?.searchParams.get('account')).toBeNull();

    const advertiserGet = seen.find((r) => r.path.startsWith(`${API}/oauth2/advertiser/get/`));
    expect(Object.fromEntries(new URL(advertiserGet?.path ?? '', ORIGIN).searchParams)).toEqual({
      app_id: 'tt-app-id',
      secret: 'tt-app-secret',
    });
    expect(advertiserGet?.headers['access-token']).toBe('tt-ads-token-1');
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ status: 'active', expiresAt: null });
    expect(connection.metadata.account).toEqual({ id: ADVERTISER, name: 'Acme Shoes', metadata: { currency: 'USD' } });
    expect(JSON.stringify(connection)).not.toContain('tt-ads-token-1');

    fake(
      'GET',
      (p) => p.startsWith(`${API}/campaign/get/?`),
      envelope({
        list: [{ campaign_id: '1800000000000001', campaign_name: 'Winter sale', operation_status: 'ENABLE' }],
        page_info: { page: 1, page_size: 100, total_number: 1, total_page: 1 },
      }),
    );
    const out = ok(await owner.mutation('actions.tiktok-ads.listCampaigns', { connectionId, input: {} }));
    expect(out.campaigns).toEqual([expect.objectContaining({ id: '1800000000000001', name: 'Winter sale', operationStatus: 'ENABLE' })]);
    const call = seen.at(-1);
    expect(new URL(call?.path ?? '', ORIGIN).searchParams.get('advertiser_id')).toBe(ADVERTISER);
    expect(call?.headers['access-token']).toBe('tt-ads-token-1');
    expect(call?.headers.authorization).toBeUndefined();
    const runs = ok(await owner.query('runs.list', { connectionId })).runs;
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'tiktok-ads', action: 'listCampaigns', status: 'succeeded' })]);
    expect(ok(await owner.query('runs.get', { id: runs[0].id }))).toMatchObject({ status: 'succeeded' });
  });

  it('a used auth_code (code 40110 in a 200) ends the flow with invalid_grant and saves no connection', async () => {
    const before = ok(await owner.query('connections.list', {}));
    fake('POST', `${API}/oauth2/access_token/`, { code: 40110, message: 'Auth code is invalid or expired.', request_id: 'x', data: {} });
    const { state } = await authorize();
    const back = await hop(`${server.url}/oauth/callback?auth_code=used-code&state=${encodeURIComponent(state)}`, owner);
    expect(back.location?.searchParams.get('error')).toBe('invalid_grant');
    expect(back.location?.searchParams.get('connection_id')).toBeNull();
    expect(ok(await owner.query('connections.list', {}))).toEqual(before);
  });
});
