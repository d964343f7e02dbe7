import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { ADVERTISER, harnessOptions, ok, pageInfo } from './fixtures.ts';
import { tiktokAds } from './index.ts';

testConnector(tiktokAds, {
  ...harnessOptions,
  fixtures: {
    listAdvertisers: {
      input: {},
      setup: (h) => h.on('GET', '/advertiser/info/').reply(200, ok({ list: [{ advertiser_id: ADVERTISER, name: 'Acme Shoes' }] })),
      check: (_output, h) => expect(h.requests[0]?.headers['access-token']).toBe('tt-ads-access-token-123'),
    },
    listCampaigns: {
      input: {},
      setup: (h) => h.on('GET', '/campaign/get/').reply(200, ok({ list: [], page_info: pageInfo(1, 0, 0) })),
    },
    updateCampaignStatus: {
      input: { campaignIds: ['1800000000000001'], status: 'DISABLE' },
      setup: (h) => h.on('POST', '/campaign/status/update/').reply(200, ok({ campaign_ids: ['1800000000000001'] })),
    },
    getReport: {
      input: { startDate: '2026-11-01', endDate: '2026-11-07' },
      setup: (h) => h.on('GET', '/report/integrated/get/').reply(200, ok({ list: [], page_info: pageInfo(1, 0, 0) })),
    },
  },
});
