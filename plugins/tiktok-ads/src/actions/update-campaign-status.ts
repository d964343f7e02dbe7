import { z } from 'zod';
import { chosenAdvertiser, defineTikTokAdsAction } from '../advertisers.ts';
import { envelope } from '../envelope.ts';

const updated = envelope(z.object({ campaign_ids: z.array(z.string()).optional(), status: z.string().optional() }).loose());

/** Reference: https://business-api.tiktok.com/portal/docs?id=1739320994354178 (campaign/status/update) */
export const updateCampaignStatus = defineTikTokAdsAction({
  description: 'Pause (DISABLE) or resume (ENABLE) campaigns of the chosen advertiser',
  input: z.object({
    campaignIds: z.array(z.string().regex(/^\d+$/, 'a campaign id')).min(1).max(20),
    status: z.enum(['ENABLE', 'DISABLE']),
  }),
  output: z.object({ campaignIds: z.array(z.string()), status: z.enum(['ENABLE', 'DISABLE']) }),
  // Setting a status is the same whether sent once or twice, so a resend after a reset is safe.
  idempotent: true,
  run: async (input, ctx) => {
    const res = await ctx.http.post('/campaign/status/update/', {
      json: { advertiser_id: chosenAdvertiser(ctx), campaign_ids: input.campaignIds, operation_status: input.status },
      schema: updated,
    });
    return { campaignIds: res.data.data.campaign_ids ?? input.campaignIds, status: input.status };
  },
});
