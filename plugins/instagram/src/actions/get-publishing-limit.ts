import { z } from 'zod';
import { igUserOf } from '../graph.ts';
import { defineInstagramAction } from './define.ts';

const limit = z.object({
  data: z.array(
    z.object({
      quota_usage: z.number(),
      config: z.object({ quota_total: z.number(), quota_duration: z.number() }).optional(),
    }),
  ),
});

/**
 * Reference: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
 * The cap has been 25, 50 and 100 posts per rolling 24 hours in different documents: read it here.
 */
export const getPublishingLimit = defineInstagramAction({
  description: 'How many posts the account has published in the rolling 24 hours, and its cap',
  scopes: ['instagram_business_content_publish'],
  idempotent: true,
  input: z.object({}),
  output: z.object({ quotaUsage: z.number(), quotaTotal: z.number().nullable(), quotaDurationSeconds: z.number().nullable() }),
  run: async (_input, ctx) => {
    const igUser = igUserOf(ctx.connection.metadata);
    const res = await ctx.http.get(`/${igUser}/content_publishing_limit`, { query: { fields: 'quota_usage,config' }, schema: limit });
    const first = res.data.data[0];
    return {
      quotaUsage: first?.quota_usage ?? 0,
      quotaTotal: first?.config?.quota_total ?? null,
      quotaDurationSeconds: first?.config?.quota_duration ?? null,
    };
  },
});
