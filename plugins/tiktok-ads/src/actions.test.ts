/** Wire-level tests of each TikTok Ads action against the documented requests and responses. */
import { connectorFailure, createTestHarness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ADVERTISER, harnessOptions, ok, pageInfo } from './fixtures.ts';
import { tiktokAds } from './index.ts';

let h = createTestHarness(tiktokAds, harnessOptions);
afterEach(async () => {
  await h.close();
  h = createTestHarness(tiktokAds, harnessOptions);
});
const query = (i: number) => Object.fromEntries(new URL(h.requests[i]?.url ?? '').searchParams);

describe('listAdvertisers', () => {
  it('reads the authorized advertisers with advertiser/info (ids as a JSON array) and marks the chosen one', async () => {
    h.on('GET', '/advertiser/info/').reply(
      200,
      ok({ list: [{ advertiser_id: ADVERTISER, name: 'Acme Shoes', status: 'STATUS_ENABLE', currency: 'USD', timezone: 'Etc/GMT' }] }),
    );
    expect(await h.run('listAdvertisers', {})).toEqual({
      advertisers: [{ id: ADVERTISER, name: 'Acme Shoes', status: 'STATUS_ENABLE', currency: 'USD', timezone: 'Etc/GMT', chosen: true }],
    });
    expect(query(0)).toEqual({ advertiser_ids: JSON.stringify([ADVERTISER]) });
    expect(h.requests[0]?.headers['access-token']).toBe('tt-ads-access-token-123');
    expect(h.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('listCampaigns', () => {
  it('asks for one page for the chosen advertiser with JSON filtering, and names the next page', async () => {
    h.on('GET', '/campaign/get/').reply(
      200,
      ok({
        list: [
          {
            campaign_id: '1800000000000001',
            campaign_name: 'Winter sale',
            objective_type: 'TRAFFIC',
            operation_status: 'ENABLE',
            secondary_status: 'CAMPAIGN_STATUS_ENABLE',
            budget: 500,
            budget_mode: 'BUDGET_MODE_DAY',
            create_time: '2026-11-01 10:00:00',
            modify_time: '2026-11-02 10:00:00',
          },
        ],
        page_info: pageInfo(1, 3, 21, 10),
      }),
    );
    const out = await h.run('listCampaigns', { pageSize: 10, status: 'STATUS_DELIVERY_OK' });
    expect(out.campaigns).toEqual([
      {
        id: '1800000000000001',
        name: 'Winter sale',
        objectiveType: 'TRAFFIC',
        operationStatus: 'ENABLE',
        secondaryStatus: 'CAMPAIGN_STATUS_ENABLE',
        budget: 500,
        budgetMode: 'BUDGET_MODE_DAY',
        createdAt: '2026-11-01 10:00:00',
        modifiedAt: '2026-11-02 10:00:00',
      },
    ]);
    expect(out.pageInfo).toEqual({ page: 1, pageSize: 10, totalNumber: 21, totalPage: 3, nextPage: 2 });
    expect(query(0)).toEqual({
      advertiser_id: ADVERTISER,
      page: '1',
      page_size: '10',
      filtering: JSON.stringify({ primary_status: 'STATUS_DELIVERY_OK' }),
    });
  });
});

describe('updateCampaignStatus', () => {
  it('posts advertiser_id, campaign_ids and operation_status as JSON', async () => {
    h.on('POST', '/campaign/status/update/').reply(200, ok({ campaign_ids: ['1800000000000001', '1800000000000002'] }));
    const out = await h.run('updateCampaignStatus', { campaignIds: ['1800000000000001', '1800000000000002'], status: 'DISABLE' });
    expect(out).toEqual({ campaignIds: ['1800000000000001', '1800000000000002'], status: 'DISABLE' });
    expect(h.requests[0]?.json()).toEqual({
      advertiser_id: ADVERTISER,
      campaign_ids: ['1800000000000001', '1800000000000002'],
      operation_status: 'DISABLE',
    });
  });

  it('refuses a status TikTok does not take and a non-numeric id before calling', async () => {
    expect(await connectorFailure(h.run('updateCampaignStatus', { campaignIds: ['abc'], status: 'DISABLE' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'campaignIds.0',
    });
    expect(h.requests).toHaveLength(0);
  });
});

describe('getReport', () => {
  const row = (day: string, spend: string) => ({
    dimensions: { campaign_id: '1800000000000001', stat_time_day: `${day} 00:00:00` },
    metrics: { spend, impressions: '1000', clicks: '20', conversion: '2' },
  });

  it('runs a BASIC report with JSON dimensions and metrics and walks the pages asked for', async () => {
    h.on('GET', '/report/integrated/get/')
      .reply(200, ok({ list: [row('2026-11-01', '10.5')], page_info: pageInfo(1, 3, 3, 1) }))
      .reply(200, ok({ list: [row('2026-11-02', '11.0')], page_info: pageInfo(2, 3, 3, 1) }));
    const out = await h.run('getReport', { startDate: '2026-11-01', endDate: '2026-11-03', pageSize: 1, pages: 2 });
    expect(out.rows).toEqual([row('2026-11-01', '10.5'), row('2026-11-02', '11.0')]);
    expect(out.pageInfo).toEqual({ page: 2, pageSize: 1, totalNumber: 3, totalPage: 3, nextPage: 3 });
    expect(query(0)).toEqual({
      advertiser_id: ADVERTISER,
      report_type: 'BASIC',
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: JSON.stringify(['campaign_id', 'stat_time_day']),
      metrics: JSON.stringify(['spend', 'impressions', 'clicks', 'conversion']),
      start_date: '2026-11-01',
      end_date: '2026-11-03',
      page: '1',
      page_size: '1',
    });
    expect(query(1).page).toBe('2');
  });

  it('stops at the last page even when more pages were asked for', async () => {
    h.on('GET', '/report/integrated/get/').reply(200, ok({ list: [row('2026-11-01', '1')], page_info: pageInfo(1, 1, 1) }));
    const out = await h.run('getReport', { startDate: '2026-11-01', endDate: '2026-11-01', pages: 5 });
    expect(out.pageInfo.nextPage).toBeNull();
    expect(h.requests).toHaveLength(1);
  });

  it('refuses a daily breakdown longer than 30 days and a reversed range before calling', async () => {
    expect(await connectorFailure(h.run('getReport', { startDate: '2026-10-01', endDate: '2026-11-15' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'endDate',
    });
    expect(await connectorFailure(h.run('getReport', { startDate: '2026-11-02', endDate: '2026-11-01' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'endDate',
    });
    expect(h.requests).toHaveLength(0);
  });
});

describe('discover', () => {
  it('lists the advertisers authorized at connect time that the token still reaches', async () => {
    h.on('GET', '/advertiser/info/').reply(200, ok({ list: [{ advertiser_id: ADVERTISER, name: 'Acme Shoes', currency: 'USD' }] }));
    expect(await h.discover()).toEqual([{ id: ADVERTISER, name: 'Acme Shoes', metadata: { currency: 'USD' } }]);
  });
});
