import { z } from 'zod';
import { advertiserDetails, authorizedIds, defineTikTokAdsAction } from '../advertisers.ts';

/** Reference: https://business-api.tiktok.com/portal/docs?id=1739593083610113 (advertiser/info) */
export const listAdvertisers = defineTikTokAdsAction({
  description: 'The advertiser accounts this authorization covers, with name, status, currency and time zone',
  input: z.object({}),
  output: z.object({
    advertisers: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string().nullable(),
        currency: z.string().nullable(),
        timezone: z.string().nullable(),
        chosen: z.boolean().describe('Whether this connection acts for it'),
      }),
    ),
  }),
  run: async (_input, ctx) => {
    const list = await advertiserDetails(ctx.http, authorizedIds(ctx.connection.metadata));
    return {
      advertisers: list.map((a) => ({
        id: a.advertiser_id,
        name: a.name,
        status: a.status ?? null,
        currency: a.currency ?? null,
        timezone: a.timezone ?? null,
        chosen: a.advertiser_id === ctx.connection.account?.id,
      })),
    };
  },
});
