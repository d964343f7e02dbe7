import { z } from 'zod';
import { chosenAdvertiser, defineTikTokAdsAction } from '../advertisers.ts';
import { envelope, jsonParam, pageInfo, pageOutput, toPage } from '../envelope.ts';

const campaign = z.object({
  campaign_id: z.string(),
  campaign_name: z.string(),
  objective_type: z.string().optional(),
  operation_status: z.string().optional(),
  secondary_status: z.string().optional(),
  budget: z.number().optional(),
  budget_mode: z.string().optional(),
  create_time: z.string().optional(),
  modify_time: z.string().optional(),
});
const page = envelope(z.object({ list: z.array(campaign), page_info: pageInfo }));

/** Reference: https://business-api.tiktok.com/portal/docs?id=1739315828649986 (campaign/get) */
export const listCampaigns = defineTikTokAdsAction({
  description: "One page of the chosen advertiser's campaigns, optionally filtered",
  input: z.object({
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(1000).default(100),
    campaignIds: z.array(z.string().regex(/^\d+$/, 'a campaign id')).max(100).optional(),
    status: z
      .enum(['STATUS_ALL', 'STATUS_NOT_DELETE', 'STATUS_DELIVERY_OK', 'STATUS_DISABLE', 'STATUS_DELETE'])
      .optional()
      .describe('Primary status filter; TikTok leaves deleted campaigns out by default'),
    objectiveType: z.string().min(1).optional().describe('e.g. TRAFFIC, REACH, VIDEO_VIEWS, APP_PROMOTION'),
  }),
  output: z.object({
    campaigns: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        objectiveType: z.string().nullable(),
        operationStatus: z.string().nullable().describe('ENABLE or DISABLE'),
        secondaryStatus: z.string().nullable(),
        budget: z.number().nullable(),
        budgetMode: z.string().nullable(),
        createdAt: z.string().nullable(),
        modifiedAt: z.string().nullable(),
      }),
    ),
    pageInfo: pageOutput,
  }),
  run: async (input, ctx) => {
    const filtering = {
      ...(input.campaignIds ? { campaign_ids: input.campaignIds } : {}),
      ...(input.status ? { primary_status: input.status } : {}),
      ...(input.objectiveType ? { objective_type: input.objectiveType } : {}),
    };
    const res = await ctx.http.get('/campaign/get/', {
      query: {
        advertiser_id: chosenAdvertiser(ctx),
        page: input.page,
        page_size: input.pageSize,
        ...(Object.keys(filtering).length ? { filtering: jsonParam(filtering) } : {}),
      },
      schema: page,
    });
    return {
      campaigns: res.data.data.list.map((c) => ({
        id: c.campaign_id,
        name: c.campaign_name,
        objectiveType: c.objective_type ?? null,
        operationStatus: c.operation_status ?? null,
        secondaryStatus: c.secondary_status ?? null,
        budget: c.budget ?? null,
        budgetMode: c.budget_mode ?? null,
        createdAt: c.create_time ?? null,
        modifiedAt: c.modify_time ?? null,
      })),
      pageInfo: toPage(res.data.data.page_info),
    };
  },
});
