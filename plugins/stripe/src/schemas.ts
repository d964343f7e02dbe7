import { randomUUID } from 'node:crypto';
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

/**
 * Every Stripe POST carries an `Idempotency-Key` (https://docs.stripe.com/api/idempotent_requests):
 * the run's key (the engine always sets one), or a fresh one for this run when there is none. A
 * retried create then returns the first result instead of charging twice, so the request is
 * marked idempotent and the SDK may retry it after a reset or a 5xx.
 */
export function idempotent(key: string | undefined): { headers: Record<string, string>; idempotent: true } {
  return { headers: { 'idempotency-key': key ?? randomUUID() }, idempotent: true };
}
