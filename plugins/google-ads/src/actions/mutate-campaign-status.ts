/** Reference: https://developers.google.com/google-ads/api/rest/reference/rest/v25/customers.campaigns/mutate */
import { z } from 'zod';
import { apiPath, resourceId } from '../api.ts';
import { defineGoogleAdsAction } from '../auth.ts';
import { customerTarget } from '../customer.ts';

const mutated = z.object({ results: z.array(z.object({ resourceName: z.string() })).default([]) });

export const mutateCampaignStatus = defineGoogleAdsAction({
  description: 'Pause or enable a campaign',
  input: z.object({
    campaignId: resourceId,
    status: z.enum(['ENABLED', 'PAUSED']),
    validateOnly: z.boolean().default(false).describe('Check the change without applying it'),
  }),
  output: z.object({ resourceName: z.string(), status: z.enum(['ENABLED', 'PAUSED']), validateOnly: z.boolean() }),
  // Setting a status is absolute: sending it twice leaves the campaign as once.
  idempotent: true,
  run: async (input, ctx) => {
    const { customerId, headers } = customerTarget(ctx.connection.account, ctx.connection.params);
    const resourceName = `customers/${customerId}/campaigns/${input.campaignId}`;
    await ctx.http.post(apiPath(`customers/${customerId}/campaigns:mutate`), {
      json: {
        operations: [{ update: { resourceName, status: input.status }, updateMask: 'status' }],
        validateOnly: input.validateOnly,
      },
      headers,
      schema: mutated,
    });
    return { resourceName, status: input.status, validateOnly: input.validateOnly };
  },
});
