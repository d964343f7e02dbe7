import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { metadata } from '../schemas.ts';

const intent = z.object({
  id: z.string(),
  amount: z.number(),
  currency: z.string(),
  status: z.string(),
  client_secret: z.string().nullable(),
});

/** Reference: https://docs.stripe.com/api/payment_intents/create */
export const createPaymentIntent = defineAction({
  description: 'Create a PaymentIntent; its client secret lets your frontend confirm the payment',
  input: z.object({
    amount: z.number().int().positive().describe('In the smallest currency unit (cents)'),
    currency: z.string().length(3).toLowerCase(),
    customer: z.string().startsWith('cus_').optional(),
    description: z.string().optional(),
    receiptEmail: z.email().optional(),
    metadata,
  }),
  output: z.object({ id: z.string(), amount: z.number(), currency: z.string(), status: z.string(), clientSecret: z.string().nullable() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/payment_intents', {
      form: {
        amount: input.amount,
        currency: input.currency,
        customer: input.customer,
        description: input.description,
        receipt_email: input.receiptEmail,
        metadata: input.metadata,
        automatic_payment_methods: { enabled: true },
      },
      schema: intent,
    });
    const pi = res.data;
    return { id: pi.id, amount: pi.amount, currency: pi.currency, status: pi.status, clientSecret: pi.client_secret };
  },
});
