/**
 * Reference: https://developers.google.com/google-ads/api/rest/reference/rest/v25/customers.campaignBudgets/mutate
 * Money is in micros of the account currency (1 unit = 1,000,000 micros), an int64 sent as a string.
 * `updateMask` is a FieldMask in its JSON form: lowerCamelCase paths (`amountMicros`), as the REST
 * reference's FieldMask format says (https://developers.google.com/google-ads/api/rest/reference/rest/v25/CampaignBudgetOperation).
 */
import { z } from 'zod';
import { apiPath, resourceId } from '../api.ts';
import { defineGoogleAdsAction } from '../auth.ts';
import { customerTarget } from '../customer.ts';

const mutated = z.object({ results: z.array(z.object({ resourceName: z.string() })).default([]) });

export const updateCampaignBudget = defineGoogleAdsAction({
  description: 'Set the daily amount of a campaign budget, in micros of the account currency',
  input: z.object({
    budgetId: resourceId,
    amountMicros: z
      .number()
      .int()
      .positive()
      .max(Number.MAX_SAFE_INTEGER)
      .describe('e.g. 25000000 for 25.00; Google refuses amounts finer than the currency allows'),
    validateOnly: z.boolean().default(false),
  }),
  output: z.object({ resourceName: z.string(), amountMicros: z.string(), validateOnly: z.boolean() }),
  // An absolute amount, not an increment: repeating it is harmless.
  idempotent: true,
  run: async (input, ctx) => {
    const { customerId, headers } = customerTarget(ctx.connection.account, ctx.connection.params);
    const resourceName = `customers/${customerId}/campaignBudgets/${input.budgetId}`;
    const amountMicros = String(input.amountMicros);
    await ctx.http.post(apiPath(`customers/${customerId}/campaignBudgets:mutate`), {
      json: { operations: [{ update: { resourceName, amountMicros }, updateMask: 'amountMicros' }], validateOnly: input.validateOnly },
      headers,
      schema: mutated,
    });
    return { resourceName, amountMicros, validateOnly: input.validateOnly };
  },
});
