import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { customer, listOf } from '../schemas.ts';

/** Reference: https://docs.stripe.com/api/customers/list (cursor pagination with starting_after) */
export const listCustomers = defineAction({
  description: 'List customers, newest first, optionally by email',
  idempotent: true,
  input: z.object({ email: z.string().optional(), limit: z.number().int().min(1).max(1_000).default(100) }),
  output: z.object({ customers: z.array(z.object({ id: z.string(), email: z.string().nullable(), name: z.string().nullable() })) }),
  run: async (input, ctx) => {
    const page = listOf(customer);
    const customers = [];
    for await (const c of ctx.http.paginate(
      { path: '/customers', query: { limit: Math.min(100, input.limit), email: input.email }, schema: page },
      {
        items: (res) => res.data.data,
        next: (res, req) => {
          const last = res.data.data.at(-1);
          return res.data.has_more && last ? { ...req, query: { ...req.query, starting_after: last.id } } : undefined;
        },
      },
    )) {
      customers.push({ id: c.id, email: c.email, name: c.name ?? null });
      if (customers.length >= input.limit) break;
    }
    return { customers };
  },
});
