/** The repository's own patchbay.config.ts gives clients typed Slack and Stripe actions. */
import { createPatchbayClient } from '@patchbay/client';
import type slack from '@patchbay/connector-slack';
import type { inferActionInput, inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import type { AppRouter } from '../../../patchbay.config.ts';

const client = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
type PostMessage = typeof client.actions.slack.postMessage.mutate;

expectTypeOf<Parameters<PostMessage>[0]['input']>().toEqualTypeOf<inferActionInput<typeof slack, 'postMessage'>>();
expectTypeOf<Awaited<ReturnType<PostMessage>>>().toEqualTypeOf<inferActionOutput<typeof slack, 'postMessage'>>();

export async function stripeIsThereToo(connectionId: string) {
  await client.actions.stripe.retrieveBalance.mutate({ connectionId, input: {} });
  // @ts-expect-error Slack has no such action
  await client.actions.slack.sendFax.mutate({ connectionId, input: {} });
}
