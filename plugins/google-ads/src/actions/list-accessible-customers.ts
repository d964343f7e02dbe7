/** Reference: https://developers.google.com/google-ads/api/rest/reference/rest/v25/customers/listAccessibleCustomers */
import { z } from 'zod';
import { apiPath } from '../api.ts';
import { defineGoogleAdsAction } from '../auth.ts';
import { accessibleCustomers, idOf } from '../discover.ts';

export const listAccessibleCustomers = defineGoogleAdsAction({
  description: 'The customer ids the signed-in user can reach directly (not through a manager)',
  input: z.object({}),
  output: z.object({ customers: z.array(z.object({ id: z.string(), resourceName: z.string() })) }),
  idempotent: true,
  run: async (_input, ctx) => {
    // Answers for the user, not for a customer: no login-customer-id header.
    const res = await ctx.http.get(apiPath('customers:listAccessibleCustomers'), { schema: accessibleCustomers });
    return { customers: res.data.resourceNames.map((resourceName) => ({ id: idOf(resourceName), resourceName })) };
  },
});
