import { ConnectorError, defineConnector } from '@patchbay/sdk';
import { getReport } from './actions/get-report.ts';
import { listAdvertisers } from './actions/list-advertisers.ts';
import { listCampaigns } from './actions/list-campaigns.ts';
import { updateCampaignStatus } from './actions/update-campaign-status.ts';
import { advertiserDetails, authorizedIds } from './advertisers.ts';
import { API_BASE } from './envelope.ts';
import { tiktokAdsAuth } from './tiktok-ads-auth.ts';
import { tiktokAdsError } from './tiktok-ads-errors.ts';

/**
 * TikTok API for Business (Marketing API v1.3): campaigns and reporting for the advertiser
 * accounts a TikTok Ads user authorized. Not organic posting: that is the `tiktok` connector.
 */
export const tiktokAds = defineConnector({
  id: 'tiktok-ads',
  name: 'TikTok Ads',
  version: '0.1.0',
  description: 'List advertisers and campaigns, pause or resume campaigns and read reports in TikTok Ads Manager.',
  auth: tiktokAdsAuth,
  baseUrls: [API_BASE],
  actions: { listAdvertisers, listCampaigns, updateCampaignStatus, getReport },
  mapError: tiktokAdsError,
  // The advertisers authorized at connect time that the token still reaches.
  discover: async (ctx) =>
    (await advertiserDetails(ctx.http, authorizedIds(ctx.connection.metadata))).map((a) => ({
      id: a.advertiser_id,
      name: a.name,
      metadata: { ...(a.currency ? { currency: a.currency } : {}), ...(a.timezone ? { timezone: a.timezone } : {}) },
    })),
  healthCheck: async (ctx) => {
    // https://business-api.tiktok.com/portal/docs?id=1739593083610113 (advertiser/info): refused when the token is dead.
    const ids = authorizedIds(ctx.connection.metadata);
    if (ids.length === 0) {
      throw new ConnectorError(
        'FORBIDDEN_SCOPE',
        'This authorization covers no advertiser account; authorize again and select at least one',
      );
    }
    await advertiserDetails(ctx.http, ids.slice(0, 1));
  },
});

export default tiktokAds;
