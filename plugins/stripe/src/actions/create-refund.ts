import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { metadata } from '../schemas.ts';

/** Reference: https://docs.stripe.com/api/refunds/create */
export const createRefund = defineAction({
  description: 'Refund a payment, fully or in part',
  destructive: true,
  input: z.object({
    paymentIntent: z.string().startsWith('pi_'),
    amount: z.number().int().positive().optional().describe('Omit to refund the remaining amount'),
    reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
    metadata,
  }),
  output: z.object({ id: z.string(), amount: z.number(), currency: z.string(), status: z.string().nullable() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/refunds', {
      form: { payment_intent: input.paymentIntent, amount: input.amount, reason: input.reason, metadata: input.metadata },
      schema: z.object({ id: z.string(), amount: z.number(), currency: z.string(), status: z.string().nullable() }),
    });
    return res.data;
  },
});
