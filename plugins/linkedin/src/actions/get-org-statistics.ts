import { z } from 'zod';
import { chosenOrganization, defineLinkedInAction, FINDER } from '../organization.ts';

const counts = z.object({
  impressionCount: z.number().optional(),
  uniqueImpressionsCount: z.number().optional(),
  clickCount: z.number().optional(),
  likeCount: z.number().optional(),
  commentCount: z.number().optional(),
  shareCount: z.number().optional(),
  engagement: z.number().optional(),
});
const shareStats = z.object({ elements: z.array(z.object({ totalShareStatistics: counts })) });

/** Reference: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/share-statistics */
export const getOrgStatistics = defineLinkedInAction({
  description: "Lifetime share statistics of the chosen organization's posts (impressions, clicks, reactions, engagement)",
  scopes: ['rw_organization_admin'],
  input: z.object({}),
  output: z.object({
    organization: z.string(),
    impressions: z.number(),
    uniqueImpressions: z.number(),
    clicks: z.number(),
    likes: z.number(),
    comments: z.number(),
    shares: z.number(),
    engagement: z.number().describe('(clicks + likes + comments + shares) / impressions'),
  }),
  run: async (_input, ctx) => {
    const organization = chosenOrganization(ctx);
    const res = await ctx.http.get('/rest/organizationalEntityShareStatistics', {
      query: { q: 'organizationalEntity', organizationalEntity: organization },
      headers: FINDER,
      schema: shareStats,
    });
    // A page with no posts yet has no element: report zeros rather than fail.
    const s = res.data.elements[0]?.totalShareStatistics ?? {};
    return {
      organization,
      impressions: s.impressionCount ?? 0,
      uniqueImpressions: s.uniqueImpressionsCount ?? 0,
      clicks: s.clickCount ?? 0,
      likes: s.likeCount ?? 0,
      comments: s.commentCount ?? 0,
      shares: s.shareCount ?? 0,
      engagement: s.engagement ?? 0,
    };
  },
});
