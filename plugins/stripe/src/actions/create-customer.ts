import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { customer, metadata } from '../schemas.ts';

/** Reference: https://docs.stripe.com/api/customers/create */
export const createCustomer = defineAction({
  description: 'Create a customer',
  input: z.object({ email: z.email().optional(), name: z.string().max(256).optional(), description: z.string().optional(), metadata }),
  output: z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable(), created: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/customers', { form: input, schema: customer });
    const c = res.data;
    return { id: c.id, email: c.email, name: c.name ?? null, created: new Date(c.created * 1000).toISOString() };
  },
});
