/**
 * Type tests (checked by `pnpm check`): grant connectors' actions see `{ accessToken, tokenType? }`
 * only, never the client secret or the service-account key; `fields` must yield clientId and
 * clientSecret; `tokenParams` sees the fields' output.
 */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { defineActionFor } from '../define.ts';
import { clientCredentials, jwtBearer } from './define-grants.ts';
import type { CredentialsOf, OAuth2Credentials } from './descriptors.ts';

const empty = z.object({});

const cc = clientCredentials({ tokenUrl: 'https://a.example.com/token', scopes: ['read'] });
expectTypeOf<CredentialsOf<typeof cc>>().toEqualTypeOf<OAuth2Credentials>();
defineActionFor(cc)({
  description: 'client credentials',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.credentials).toEqualTypeOf<Readonly<OAuth2Credentials>>();
    // @ts-expect-error the client secret never reaches actions
    void ctx.credentials.clientSecret;
    return {};
  },
});

clientCredentials({
  tokenUrl: 'https://a.example.com/token',
  fields: z.object({ clientId: z.string(), clientSecret: z.string(), audience: z.url() }),
  tokenParams: (fields) => {
    expectTypeOf(fields.audience).toEqualTypeOf<string>();
    return { audience: fields.audience };
  },
});

clientCredentials({
  tokenUrl: 'https://a.example.com/token',
  // @ts-expect-error fields must produce clientId and clientSecret
  fields: z.object({ key: z.string() }),
});

const google = jwtBearer({ tokenUrl: 'https://oauth2.googleapis.com/token', scopes: ['https://www.googleapis.com/auth/drive'] });
defineActionFor(google)({
  description: 'jwt bearer',
  input: empty,
  output: empty,
  run: async (_input, ctx) => {
    expectTypeOf(ctx.credentials.accessToken).toEqualTypeOf<string>();
    // @ts-expect-error the service-account key never reaches actions
    void ctx.credentials.serviceAccountKey;
    return {};
  },
});
