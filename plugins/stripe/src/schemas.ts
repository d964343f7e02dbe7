import { z } from 'zod';

export const metadata = z.record(z.string(), z.string()).optional().describe('Up to 50 key-value pairs stored on the object');

export const customer = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable().optional(),
  created: z.number(),
  metadata: z.record(z.string(), z.string()).optional(),
});

/** A Stripe list object (https://docs.stripe.com/api/pagination). */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });
