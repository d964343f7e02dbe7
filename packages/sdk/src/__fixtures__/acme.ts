/** A small connector the SDK's own tests exercise: OAuth, JSON and form bodies, pagination. */
import { z } from 'zod';
import { oauth2 } from '../auth/define-auth.ts';
import { defineAction, defineConnector } from '../define.ts';

const ticket = z.object({ id: z.string(), title: z.string() });

export const acme = defineConnector({
  id: 'acme',
  name: 'Acme',
  version: '1.0.0',
  description: 'Acme tickets',
  auth: oauth2({ authorizationUrl: 'https://auth.acme.test/authorize', tokenUrl: 'https://auth.acme.test/token', scopes: ['tickets'] }),
  baseUrls: ['https://api.acme.test/v1', 'https://uploads.acme.test'],
  actions: {
    createTicket: defineAction({
      description: 'Create a ticket',
      input: z.object({ title: z.string().min(1), priority: z.number().int().default(3) }),
      output: ticket,
      run: async (input, ctx) => {
        ctx.log.info('creating ticket', { title: input.title });
        return (
          await ctx.http.post<z.infer<typeof ticket>>('/tickets', {
            json: input,
            headers: ctx.idempotencyKey ? { 'idempotency-key': ctx.idempotencyKey } : {},
          })
        ).data;
      },
    }),
    getTicket: defineAction({
      description: 'Get a ticket',
      input: z.object({ id: z.string() }),
      output: ticket,
      idempotent: true,
      run: async (input, ctx) => (await ctx.http.get(`/tickets/${encodeURIComponent(input.id)}`, { schema: ticket })).data,
    }),
    chargeForm: defineAction({
      description: 'Form-encoded call',
      input: z.object({ amount: z.number(), metadata: z.record(z.string(), z.string()), items: z.array(z.object({ price: z.string() })) }),
      output: z.object({ ok: z.boolean() }),
      retry: false,
      run: async (input, ctx) => (await ctx.http.post<{ ok: boolean }>('/charges', { form: input })).data,
    }),
    listTickets: defineAction({
      description: 'All tickets, across pages',
      input: z.object({}),
      output: z.object({ tickets: z.array(ticket) }),
      run: async (_input, ctx) => {
        const tickets: z.infer<typeof ticket>[] = [];
        const page = z.object({ items: z.array(ticket), next: z.string().optional() });
        const pages = ctx.http.paginate(
          { path: '/tickets', schema: page },
          { items: (r) => r.data.items, next: (r) => (r.data.next ? { path: '/tickets', query: { cursor: r.data.next } } : undefined) },
        );
        for await (const t of pages) tickets.push(t);
        return { tickets };
      },
    }),
    fetchUrl: defineAction({
      description: 'Fetch an absolute URL (to test the host guard)',
      input: z.object({ url: z.string() }),
      output: z.unknown(),
      run: async (input, ctx) => (await ctx.http.get(input.url)).data,
    }),
    leaky: defineAction({
      description: 'Logs and throws with the token in hand (to test redaction)',
      input: z.object({ mode: z.enum(['log', 'throw']) }),
      output: z.object({ ok: z.boolean() }),
      run: async (input, ctx) => {
        const token = String(ctx.credentials.accessToken);
        ctx.log.warn(`token is ${token}`, { token, nested: { header: `Bearer ${token}` }, err: new Error(`failed with ${token}`) });
        if (input.mode === 'throw') throw new TypeError(`cannot use ${token}`);
        return { ok: true };
      },
    }),
  },
});
