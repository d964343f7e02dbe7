/**
 * @module The code in docs/connector-authoring.md, verbatim (docs-examples.test.ts checks each
 * marked block appears here): `pnpm check` type-checks it and the test runs it.
 */
import { z } from 'zod';
import { apiKey } from '../auth/define-auth.ts';
import { defineActionFor, defineConnector } from '../define.ts';
import { mapErrorsFrom } from '../http/error-table.ts';
import { readPath } from '../http/json-path.ts';
import { defineTrigger } from '../triggers/define-trigger.ts';
import { timestampFresh, verifyHmacSha256 } from '../triggers/signatures.ts';

export const acmeAuth = apiKey({
  fields: z.object({ apiKey: z.string().min(20), region: z.enum(['us', 'eu']).default('us') }),
  apply: (c, req) => {
    req.headers.authorization = `Bearer ${c.apiKey}`;
  },
});
const defineAcmeAction = defineActionFor(acmeAuth);

export const getAccount = defineAcmeAction({
  description: 'The account the key belongs to',
  input: z.object({}),
  output: z.object({ id: z.string(), region: z.enum(['us', 'eu']) }),
  run: async (_input, ctx) => {
    const res = await ctx.http.get('/account', { schema: z.object({ id: z.string() }) });
    return { id: res.data.id, region: ctx.credentials.region }; // 'us' | 'eu', the default applied
  },
});

const contact = z.object({ id: z.string(), email: z.string() });
const contactPage = z.object({ results: z.array(contact), next_cursor: z.string().nullable() });

export const listContacts = defineAcmeAction({
  description: 'Every contact, across pages',
  input: z.object({}),
  output: z.object({ emails: z.array(z.string()) }),
  run: async (_input, ctx) => {
    const emails: string[] = [];
    for await (const c of ctx.http.paginate(
      { path: '/contacts', query: { limit: 100 }, schema: contactPage },
      {
        items: (res) => res.data.results, // res.data is contactPage's output
        next: (res, req) => (res.data.next_cursor ? { ...req, query: { ...req.query, cursor: res.data.next_cursor } } : undefined),
        maxPages: 20,
      },
    )) {
      emails.push(c.email); // c is { id: string; email: string }
    }
    return { emails };
  },
});

export const createContact = defineAcmeAction({
  description: 'Create a contact',
  input: z.object({ email: z.email() }),
  output: contact,
  run: async (input, ctx) => (await ctx.http.post('/contacts', { json: input, schema: contact })).data,
});

export const acmeErrors = mapErrorsFrom({
  provider: 'Acme',
  code: 'error.code',
  message: 'error.message',
  codes: {
    invalid_key: 'AUTH_INVALID',
    token_expired: 'AUTH_EXPIRED',
    missing_scope: 'FORBIDDEN_SCOPE',
    no_such_contact: 'NOT_FOUND',
    validation_failed: 'INVALID_INPUT',
    duplicate_email: 'CONFLICT',
    throttled: 'RATE_LIMITED',
  },
  byStatus: { 401: 'AUTH_INVALID', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND' },
  otherwise: 'INVALID_INPUT',
  field: 'error.field',
  wait: [{ header: 'retry-after' }, { header: 'x-ratelimit-reset', as: 'epoch-seconds' }, { body: 'error.retry_in', as: 'seconds' }],
});

export const slackErrors = mapErrorsFrom({
  provider: 'Slack',
  statuses: false, // Slack answers 200 with { ok: false, error }; 4xx and 5xx keep the SDK's reading
  failedBody: (body) => readPath(body, 'ok') === false,
  code: 'error',
  codes: { channel_not_found: 'NOT_FOUND', missing_scope: 'FORBIDDEN_SCOPE', ratelimited: 'RATE_LIMITED' },
  otherwise: 'UPSTREAM',
});

export const acmeCrm = defineConnector({
  id: 'acme-crm',
  name: 'Acme CRM',
  version: '1.0.0',
  description: 'Contacts in Acme CRM.',
  auth: acmeAuth,
  baseUrls: ['https://api.acme-crm.test/v2'],
  idempotencyHeader: 'Idempotency-Key', // the run's key on every POST, PUT, PATCH and DELETE
  mapError: acmeErrors,
  actions: { getAccount, listContacts, createContact },
  healthCheck: async (ctx) => {
    await ctx.http.get(`/regions/${ctx.credentials.region}/ping`);
  },
});

export const invoicePaid = defineTrigger({
  kind: 'webhook',
  description: 'An invoice was paid',
  event: z.object({ invoiceId: z.string(), amount: z.number() }),
  config: z.object({ minAmount: z.number().default(0) }),
  // Acme signs `<timestamp>.<raw body>` and sends `acme-timestamp` and `acme-signature: <hex>`.
  verify: ({ rawBody, headers, secrets, now }) => {
    const t = headers['acme-timestamp'];
    const verdict = verifyHmacSha256({ secrets, parts: [`${t}.`, rawBody], candidates: [headers['acme-signature']] });
    if (!verdict.ok) return verdict;
    return timestampFresh(t, now, 300) ? verdict : { ok: false, reason: 'stale' };
  },
  parse: ({ text, config }) => {
    const body = JSON.parse(text) as { id: string; account: string; invoice: { id: string; amount: number } };
    if (body.invoice.amount < config.minAmount) return [];
    return [
      { id: body.id, type: 'invoice.paid', accountId: body.account, payload: { invoiceId: body.invoice.id, amount: body.invoice.amount } },
    ];
  },
});

export const teamMessage = defineTrigger({
  kind: 'webhook',
  description: 'A message in a workspace that installed the app',
  event: z.object({ team: z.string(), text: z.string() }),
  verify: ({ rawBody, headers, secrets }) => verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['acme-signature']] }),
  // The provider sends every workspace's events to one URL; this names the workspace.
  accountOf: ({ text }) => (JSON.parse(text) as { team?: string }).team,
  parse: ({ text }) => {
    const body = JSON.parse(text) as { id: string; team: string; text: string };
    return [{ id: body.id, type: 'message', accountId: body.team, payload: { team: body.team, text: body.text } }];
  },
});

export const pageChanges = defineTrigger({
  kind: 'webhook',
  description: 'Changes to a Facebook page',
  event: z.object({ object: z.string(), entry: z.array(z.object({ id: z.string(), time: z.number() })) }),
  // Answer Meta's GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… check of the URL.
  hubChallenge: true,
  verify: ({ rawBody, headers, secrets }) =>
    verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['x-hub-signature-256']?.replace(/^sha256=/, '')] }),
  parse: ({ text }) => {
    const body = JSON.parse(text) as { object: string; entry: { id: string; time: number }[] };
    return body.entry.map((entry) => ({ id: `${entry.id}:${entry.time}`, type: body.object, accountId: entry.id, payload: body }));
  },
});
