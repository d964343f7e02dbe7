/**
 * Type tests: the client knows every installed action from the connectors' zod schemas, with
 * no code generation. `tsc` (pnpm check) fails if any of these stops holding.
 */
import type { ApiErrorDataWithDetails, AppRouterFor } from '@patchbay/api';
import { apiKey, defineAction, defineConnector, type inferActionInput, type inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import type { PatchbayClientError, PatchbayErrorData } from './client-error.ts';
import { createPatchbayClient } from './create-client.ts';

const acme = defineConnector({
  id: 'acme',
  name: 'Acme',
  version: '1.0.0',
  description: 'Type-test connector',
  auth: apiKey({ fields: z.object({ key: z.string() }), apply: () => {} }),
  baseUrls: ['https://api.acme.test'],
  actions: {
    createThing: defineAction({
      description: 'Creates a thing',
      input: z.object({ name: z.string(), size: z.number().int().default(1) }),
      output: z.object({ id: z.string(), createdAt: z.iso.datetime() }),
      run: async () => ({ id: 't1', createdAt: new Date().toISOString() }),
    }),
  },
});

const billing = defineConnector({
  id: 'acme-billing',
  name: 'Acme billing',
  version: '1.0.0',
  description: 'A second connector with a kebab-case id',
  auth: apiKey({ fields: z.object({ key: z.string() }), apply: () => {} }),
  baseUrls: ['https://billing.acme.test'],
  actions: {
    charge: defineAction({
      description: 'Charges',
      input: z.object({ cents: z.number() }),
      output: z.object({ charged: z.boolean() }),
      run: async () => ({ charged: true }),
    }),
  },
});

type Router = AppRouterFor<readonly [typeof acme, typeof billing]>;
const client = createPatchbayClient<Router>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
const mutate = client.actions.acme.createThing.mutate;

// The input is the envelope around the action's own input type, defaults optional.
expectTypeOf<Parameters<typeof mutate>[0]>().toEqualTypeOf<{
  connectionId: string;
  input: inferActionInput<typeof acme, 'createThing'>;
  idempotencyKey?: string | undefined;
}>();
expectTypeOf<inferActionInput<typeof acme, 'createThing'>>().toEqualTypeOf<{ name: string; size?: number | undefined }>();

// The output is exactly the connector's output type.
expectTypeOf<Awaited<ReturnType<typeof mutate>>>().toEqualTypeOf<inferActionOutput<typeof acme, 'createThing'>>();
expectTypeOf<Awaited<ReturnType<(typeof client.actions)['acme-billing']['charge']['mutate']>>>().toEqualTypeOf<{ charged: boolean }>();

export async function wrongInputsDoNotCompile() {
  // @ts-expect-error name must be a string
  await mutate({ connectionId: 'c', input: { name: 42 } });
  // @ts-expect-error the action's input is required
  await mutate({ connectionId: 'c' });
  // @ts-expect-error connectionId is required
  await mutate({ input: { name: 'x' } });
  // @ts-expect-error no such action
  await client.actions.acme.deleteThing.mutate({ connectionId: 'c', input: {} });
  // @ts-expect-error no such connector
  await client.actions.nope.createThing.mutate({ connectionId: 'c', input: { name: 'x' } });
  // @ts-expect-error another connector's input
  await client.actions['acme-billing'].charge.mutate({ connectionId: 'c', input: { name: 'x' } });
  // The rest of the API stays typed alongside the actions.
  const runs = await client.runs.list.query({ status: 'failed' });
  expectTypeOf(runs.nextCursor).toEqualTypeOf<string | null>();
}

// The client states the server's error data without importing it; this keeps the two in step.
expectTypeOf<ApiErrorDataWithDetails>().toExtend<PatchbayErrorData>();
expectTypeOf<keyof PatchbayErrorData>().toEqualTypeOf<keyof ApiErrorDataWithDetails>();
// With a router named, `data` is the server's own type: reason is the closed set, not a string.
expectTypeOf<NonNullable<PatchbayClientError<Router>['data']>['reason']>().toEqualTypeOf<ApiErrorDataWithDetails['reason']>();
