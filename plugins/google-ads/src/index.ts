import { defineConnector } from '@patchbay/sdk';
import { listAccessibleCustomers } from './actions/list-accessible-customers.ts';
import { mutateCampaignStatus } from './actions/mutate-campaign-status.ts';
import { search } from './actions/search.ts';
import { updateCampaignBudget } from './actions/update-campaign-budget.ts';
import { uploadClickConversions } from './actions/upload-click-conversions.ts';
import { apiPath } from './api.ts';
import { googleAdsAuth, googleAdsParams } from './auth.ts';
import { discoverCustomers } from './discover.ts';
import { googleAdsError } from './google-ads-errors.ts';

/**
 * Google Ads API over REST (https://developers.google.com/google-ads/api/rest/overview): the
 * customer is chosen after connecting (`discover`), reached through a manager when one is given.
 */
export const googleAds = defineConnector({
  id: 'google-ads',
  name: 'Google Ads',
  version: '0.1.0',
  description: 'Report with GAQL, pause or enable campaigns, set budgets and upload offline conversions in Google Ads.',
  auth: googleAdsAuth,
  connectionParams: googleAdsParams,
  baseUrls: ['https://googleads.googleapis.com'],
  actions: { search, listAccessibleCustomers, mutateCampaignStatus, updateCampaignBudget, uploadClickConversions },
  discover: discoverCustomers,
  mapError: googleAdsError,
  healthCheck: async (ctx) => {
    // Proves the token and the API access of the OAuth client's Cloud project, for any customer.
    await ctx.http.get(apiPath('customers:listAccessibleCustomers'));
  },
});

export default googleAds;
