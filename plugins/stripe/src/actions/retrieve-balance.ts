import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

const funds = z.array(z.object({ amount: z.number(), currency: z.string() }));

/** Reference: https://docs.stripe.com/api/balance/balance_retrieve */
export const retrieveBalance = defineAction({
  description: 'Available and pending balance per currency',
  idempotent: true,
  input: z.object({}),
  output: z.object({ available: funds, pending: funds, livemode: z.boolean() }),
  run: async (_input, ctx) => {
    const res = await ctx.http.get('/balance', {
      schema: z.object({ object: z.literal('balance'), available: funds, pending: funds, livemode: z.boolean() }),
    });
    return { available: res.data.available, pending: res.data.pending, livemode: res.data.livemode };
  },
});
