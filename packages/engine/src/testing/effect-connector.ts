import { apiKey, defineAction, defineConnector } from '@patchbay/sdk';
import { z } from 'zod';

/** The connector the queue tests run: `echo` sends the run's idempotency key upstream. */
export function effectConnector(upstream: string) {
  return defineConnector({
    id: 'effect',
    name: 'Effect',
    version: '1.0.0',
    description: 'Counts side effects per idempotency key',
    auth: apiKey({
      fields: z.object({ apiKey: z.string().min(1) }),
      apply: (credentials, request) => {
        request.headers['x-api-key'] = credentials.apiKey;
      },
    }),
    baseUrls: [upstream],
    actions: {
      echo: defineAction({
        description: 'Echoes a message, once per idempotency key',
        input: z.object({ message: z.string().min(1) }),
        output: z.object({ message: z.string(), calls: z.number() }),
        run: async (input, ctx) =>
          (
            await ctx.http.post<{ message: string; calls: number }>('/echo', {
              json: input,
              headers: ctx.idempotencyKey ? { 'idempotency-key': ctx.idempotencyKey } : {},
            })
          ).data,
      }),
      flaky: defineAction({
        description: 'Fails with 503 the first time per idempotency key; no retries inside the action',
        input: z.object({}),
        output: z.object({ message: z.string(), calls: z.number() }),
        retry: false,
        run: async (_input, ctx) =>
          (
            await ctx.http.post<{ message: string; calls: number }>('/flaky', {
              json: {},
              headers: ctx.idempotencyKey ? { 'idempotency-key': ctx.idempotencyKey } : {},
            })
          ).data,
      }),
    },
  });
}
