/**
 * Type tests, checked by `pnpm check` (tsc): inference that connector authors and API callers
 * rely on. Each `@ts-expect-error` fails the build if the wrong call ever compiles.
 */
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { acme } from './__fixtures__/acme.ts';
import { apiKey } from './auth/define-auth.ts';
import type { CredentialsOf } from './auth/descriptors.ts';
import { defineAction, type inferActionInput, type inferActionNames, type inferActionOutput } from './define.ts';
import { createTestHarness } from './testing/harness.ts';

// Action names stay literal.
expectTypeOf<inferActionNames<typeof acme>>().toEqualTypeOf<
  'createTicket' | 'getTicket' | 'chargeForm' | 'listTickets' | 'fetchUrl' | 'leaky'
>();

// Input is what a caller passes (defaults optional), output what the schema yields.
expectTypeOf<inferActionInput<typeof acme, 'createTicket'>>().toEqualTypeOf<{ title: string; priority?: number | undefined }>();
expectTypeOf<inferActionOutput<typeof acme, 'createTicket'>>().toEqualTypeOf<{ id: string; title: string }>();

// Credentials are typed from the auth descriptor.
const stripeAuth = apiKey({
  fields: z.object({ secretKey: z.string() }),
  apply: (credentials, request) => {
    expectTypeOf(credentials).toEqualTypeOf<{ secretKey: string }>();
    request.headers.authorization = `Bearer ${credentials.secretKey}`;
  },
});
expectTypeOf<CredentialsOf<typeof stripeAuth>>().toEqualTypeOf<{ secretKey: string }>();
expectTypeOf<CredentialsOf<typeof acme.auth>>().toEqualTypeOf<import('./auth/descriptors.ts').OAuth2Credentials>();

// run's input is the parsed input; its return must match the output schema.
defineAction({
  description: 'typed run',
  input: z.object({ n: z.number().default(1) }),
  output: z.object({ doubled: z.number() }),
  run: async (input) => {
    expectTypeOf(input).toEqualTypeOf<{ n: number }>();
    return { doubled: input.n * 2 };
  },
});
defineAction({
  description: 'wrong output',
  input: z.object({}),
  output: z.object({ doubled: z.number() }),
  // @ts-expect-error the output schema wants a number
  run: async () => ({ doubled: 'two' }),
});

// A harness call is checked against the action's input.
async function harnessCalls(): Promise<void> {
  const h = createTestHarness(acme, { credentials: { accessToken: 't' } });
  const ticket = await h.run('getTicket', { id: 't1' });
  expectTypeOf(ticket).toEqualTypeOf<{ id: string; title: string }>();
  // @ts-expect-error id must be a string
  await h.run('getTicket', { id: 1 });
  // @ts-expect-error no such action
  await h.run('deleteEverything', {});
}
void harnessCalls;
