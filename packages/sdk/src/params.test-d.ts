/**
 * Type tests (checked by `pnpm check`): `ctx.connection.params` is typed from `connectionParams`
 * when an action is declared with `defineActionFor(auth, { params })`, and in `discover` and the
 * health check of a connector that declares them; a chosen account's credentials are typed on
 * OAuth credentials.
 */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { oauth2 } from './auth/define-auth.ts';
import { defineAction, defineActionFor, defineConnector, type UntypedParams } from './define.ts';
import type { ConnectedAccount } from './params/accounts.ts';

const auth = oauth2({ authorizationUrl: 'https://{shop}.myshopify.com/a', tokenUrl: 'https://{shop}.myshopify.com/t', scopes: [] });
const params = z.object({ shop: z.string(), apiVersion: z.string().default('2026-10') });
const empty = z.object({});

export const typed = defineActionFor(auth, { params })({
  description: 'typed params',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.connection.params).toEqualTypeOf<Readonly<{ shop: string; apiVersion: string }>>();
    // @ts-expect-error no such parameter
    void ctx.connection.params.store;
    // @ts-expect-error params are read-only
    ctx.connection.params.shop = 'other';
    expectTypeOf(ctx.connection.account).toEqualTypeOf<ConnectedAccount | null>();
    expectTypeOf(ctx.credentials.account).toEqualTypeOf<Readonly<Record<string, string>> | undefined>();
    return {};
  },
});

// Without the schema, params are an untyped record.
export const untyped = defineAction({
  description: 'untyped params',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.connection.params).toEqualTypeOf<Readonly<UntypedParams>>();
    return {};
  },
});

export const shop = defineConnector({
  id: 'shop',
  name: 'Shop',
  version: '1.0.0',
  description: 'typed params in discover and healthCheck',
  auth,
  connectionParams: params,
  hostPatterns: { shop: /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/ },
  baseUrls: ['https://{shop}.myshopify.com'],
  healthCheck: async (ctx) => {
    expectTypeOf(ctx.connection.params.shop).toEqualTypeOf<string>();
  },
  discover: async (ctx) => {
    expectTypeOf(ctx.connection.params.apiVersion).toEqualTypeOf<string>();
    return [{ id: ctx.connection.params.shop, name: 'The shop' }];
  },
  actions: { typed, untyped },
});

defineConnector({
  ...shop,
  // @ts-expect-error discover returns accounts: { id, name, metadata?, credentials? }
  discover: async () => [{ id: 1 }],
});
