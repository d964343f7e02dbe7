/**
 * Type tests for the documented examples (`__fixtures__/docs-examples.ts`): what `paginate`
 * infers from a schema, and the typed credentials an action of `defineActionFor(auth)` sees.
 */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { acmeAuth, acmeCrm } from './__fixtures__/docs-examples.ts';
import type { CredentialsOf } from './auth/descriptors.ts';
import { defineActionFor } from './define.ts';
import type { HttpResponse } from './http/types.ts';

expectTypeOf<CredentialsOf<typeof acmeAuth>>().toEqualTypeOf<{ apiKey: string; region: 'us' | 'eu' }>();
expectTypeOf(acmeCrm.actions.listContacts.output).toEqualTypeOf<z.ZodObject<{ emails: z.ZodArray<z.ZodString> }>>();

const page = z.object({ items: z.array(z.object({ id: z.number() })), next: z.string().optional() });
defineActionFor(acmeAuth)({
  description: 'paginate inference',
  input: z.object({}),
  output: z.object({}),
  run: async (_input, ctx) => {
    const pages = ctx.http.paginate(
      { path: '/things', schema: page },
      {
        items: (res) => {
          expectTypeOf(res).toEqualTypeOf<HttpResponse<z.output<typeof page>>>();
          return res.data.items;
        },
        next: (res) => (res.data.next ? { path: '/things', query: { cursor: res.data.next } } : undefined),
      },
    );
    expectTypeOf(pages).toEqualTypeOf<AsyncGenerator<{ id: number }>>();
    ctx.http.paginate(
      { path: '/things', schema: page },
      // @ts-expect-error items must come from the page the schema describes
      { items: (res) => res.data.missing, next: () => undefined },
    );
    // Without a schema the page is unknown: the author must say what it is.
    ctx.http.paginate(
      { path: '/things' },
      {
        // @ts-expect-error res.data is unknown without a schema
        items: (res) => res.data.items,
        next: () => undefined,
      },
    );
    return {};
  },
});
