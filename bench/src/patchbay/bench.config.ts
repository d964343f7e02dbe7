/**
 * The deployment the benchmark's Patchbay servers run: two connectors that call the fake
 * upstream (BENCH_UPSTREAM), one with an API key, one with OAuth (its token endpoint is the
 * upstream's `/oauth/token`, which counts requests), with an operator-wide OAuth app; and the
 * real Stripe connector, whose signed `event` webhook S10 receives.
 */
import stripe from '@patchbay/connector-stripe';
import { defineConfig } from '@patchbay/engine';
import { apiKey, defineAction, defineConnector, oauth2 } from '@patchbay/sdk';
import { z } from 'zod';

const upstream = process.env.BENCH_UPSTREAM ?? 'http://127.0.0.1:1';

const send = defineAction({
  description: 'Posts a message to the fake upstream',
  input: z.object({ channel: z.string().min(1), text: z.string().min(1) }),
  output: z.object({ id: z.string(), ok: z.boolean(), text: z.string() }),
  run: async (input, ctx) => (await ctx.http.post<{ id: string; ok: boolean; text: string }>('/messages', { json: input })).data,
});

export const benchKey = defineConnector({
  id: 'bench-key',
  name: 'Bench (API key)',
  version: '1.0.0',
  description: 'Benchmark connector with a bearer API key',
  auth: apiKey({
    fields: z.object({ token: z.string().min(1) }),
    apply: (credentials, request) => {
      request.headers.authorization = `Bearer ${credentials.token}`;
    },
  }),
  baseUrls: [upstream],
  actions: { send },
});

export const benchOAuth = defineConnector({
  id: 'bench-oauth',
  name: 'Bench (OAuth)',
  version: '1.0.0',
  description: 'Benchmark connector with OAuth 2 and refresh',
  auth: oauth2({
    authorizationUrl: `${upstream}/oauth/authorize`,
    tokenUrl: `${upstream}/oauth/token`,
    scopes: ['send'],
    clientAuth: 'body',
    refresh: { supported: true },
  }),
  baseUrls: [upstream],
  actions: { send },
});

export default defineConfig({
  connectors: [benchKey, benchOAuth, stripe],
  oauthApps: { 'bench-oauth': { clientId: 'bench-client', clientSecret: 'bench-client-secret' } },
});
