/** TikTok answers failures as HTTP 200 with a non-zero code: one test per documented class. */
import { connectorFailure, createTestHarness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { harnessOptions } from './fixtures.ts';
import { tiktokAds } from './index.ts';

let h = createTestHarness(tiktokAds, harnessOptions);
afterEach(async () => {
  await h.close();
  h = createTestHarness(tiktokAds, harnessOptions);
});
const failing = (code: number, message: string) => ({ code, message, request_id: '2026120202000009', data: {} });
const list = () => h.run('listCampaigns', {});

describe('TikTok Ads errors in HTTP 200 bodies', () => {
  it.each([
    [40001, 'No permission to operate advertiser 7000000000000000001', 'FORBIDDEN_SCOPE'],
    [40002, 'page_size: Must be less than or equal to 1000.', 'INVALID_INPUT'],
    [40105, 'Access token is incorrect or has been revoked.', 'AUTH_EXPIRED'],
    [40102, 'Access token has expired.', 'AUTH_EXPIRED'],
    [40101, 'Invalid app_id or secret.', 'AUTH_INVALID'],
    [40100, 'Too many requests. Please retry in some time.', 'RATE_LIMITED'],
    [50002, 'Internal service error.', 'UPSTREAM'],
    [40006, 'Some other validation failure.', 'INVALID_INPUT'],
  ])('code %i is %s', async (code, message, expected) => {
    h.on('GET', '/campaign/get/').always(200, failing(code, message));
    const error = await connectorFailure(list());
    expect(error.code).toBe(expected);
    expect(error.providerCode).toBe(String(code));
    expect(error.message).toContain(message.slice(0, 20));
  });

  it('a write refused in the body is not reported as done', async () => {
    h.on('POST', '/campaign/status/update/').reply(200, failing(40002, 'campaign_ids: invalid'));
    expect(await connectorFailure(h.run('updateCampaignStatus', { campaignIds: ['1'], status: 'ENABLE' }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('a real HTTP 5xx keeps the SDK reading (UPSTREAM), retried for a GET', async () => {
    h.on('GET', '/campaign/get/').always(503, 'Service Unavailable');
    expect(await connectorFailure(list())).toMatchObject({ code: 'UPSTREAM', status: 503 });
    expect(h.requests.length).toBeGreaterThan(1);
  });
});
