/**
 * Type tests (checked by `pnpm check`): `ctx.credentials` is typed from the auth descriptor when
 * an action is declared with `defineActionFor(auth)`, and in a connector's health check.
 */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { apiKey, basic, none, oauth2 } from './auth/define-auth.ts';
import type { OAuth2Credentials } from './auth/descriptors.ts';
import { defineAction, defineActionFor, defineConnector, type UntypedCredentials } from './define.ts';

const twilioAuth = basic({
  fields: z.object({ accountSid: z.string(), authToken: z.string(), region: z.enum(['us1', 'ie1']).default('us1') }),
  apply: () => {},
});
const empty = z.object({});

// basic: the fields' output type, defaults applied (region is not optional).
export const sendSms = defineActionFor(twilioAuth)({
  description: 'typed basic credentials',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.credentials).toEqualTypeOf<Readonly<{ accountSid: string; authToken: string; region: 'us1' | 'ie1' }>>();
    expectTypeOf(ctx.credentials.accountSid).toEqualTypeOf<string>();
    // @ts-expect-error no such field on Twilio's credentials
    void ctx.credentials.apiKey;
    // @ts-expect-error credentials are read-only
    ctx.credentials.accountSid = 'AC2';
    return {};
  },
});

// apiKey: the same, from its fields.
const stripeAuth = apiKey({ fields: z.object({ secretKey: z.string() }), apply: () => {} });
defineActionFor(stripeAuth)({
  description: 'typed api key',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.credentials.secretKey).toEqualTypeOf<string>();
    return {};
  },
});

// oauth2: what the engine passes, the access token and its type.
const githubAuth = oauth2({
  authorizationUrl: 'https://github.com/login/oauth/authorize',
  tokenUrl: 'https://github.com/login/oauth/access_token',
  scopes: [],
});
defineActionFor(githubAuth)({
  description: 'typed oauth2',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.credentials).toEqualTypeOf<Readonly<OAuth2Credentials>>();
    expectTypeOf(ctx.credentials.accessToken).toEqualTypeOf<string>();
    return {};
  },
});

// none: nothing to read.
defineActionFor(none())({
  description: 'no credentials',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.credentials).toEqualTypeOf<Readonly<Record<string, never>>>();
    return {};
  },
});

// A plain defineAction still sees untyped credentials, and mixes with typed ones in a connector.
const untyped = defineAction({
  description: 'untyped',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.credentials).toEqualTypeOf<Readonly<UntypedCredentials>>();
    return {};
  },
});
export const twilio = defineConnector({
  id: 'twilio-typed',
  name: 'Twilio',
  version: '1.0.0',
  description: 'typed',
  auth: twilioAuth,
  baseUrls: ['https://api.twilio.com'],
  actions: { sendSms, untyped },
  healthCheck: async (ctx) => {
    expectTypeOf(ctx.credentials.accountSid).toEqualTypeOf<string>();
  },
});
