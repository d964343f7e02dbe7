/**
 * @module Stripe's webhook events (https://docs.stripe.com/webhooks#verify-manually): the
 * `Stripe-Signature` header carries `t=<unix>` and one or more `v1=<hex>`, an HMAC-SHA256 under
 * the endpoint's `whsec_` secret of `<t>.<raw body>`; Stripe's own libraries refuse a `t` more
 * than 5 minutes from now, and so does this. The endpoint is made in the Stripe dashboard (or
 * by the Connect platform), so the tenant pastes its secret when subscribing.
 */
import { defineTrigger, timestampFresh, verifyHmacSha256 } from '@patchbay/sdk';
import { z } from 'zod';

export const STRIPE_TOLERANCE_SECONDS = 300;

/** Splits `t=1,v1=a,v1=b,v0=c` into its timestamp and its v1 digests. */
function signatureParts(header: string | undefined): { t: string | undefined; v1: string[] } {
  const parts = (header ?? '').split(',').map((part) => part.trim().split('='));
  return {
    t: parts.find(([key]) => key === 't')?.[1],
    v1: parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value ?? ''),
  };
}

const stripeEvent = z.looseObject({
  id: z.string(),
  type: z.string(),
  created: z.number(),
  livemode: z.boolean().optional(),
  /** The connected account, for events sent to a Connect platform. */
  account: z.string().optional(),
  data: z.looseObject({ object: z.record(z.string(), z.unknown()) }),
});

export const event = defineTrigger({
  kind: 'webhook',
  description: 'A Stripe event (payment, invoice, customer, ...) of the types the tenant chose',
  event: stripeEvent,
  config: z.object({
    eventTypes: z
      .array(z.string().regex(/^(\*|[a-z_]+(\.[a-z_]+)*(\.\*)?)$/, 'an event type such as invoice.paid, invoice.* or *'))
      .min(1)
      .max(100)
      .default(['*'])
      .describe('Event types to keep: exact (invoice.paid), a prefix (invoice.*) or everything (*)'),
  }),
  verify: ({ rawBody, headers, secrets, now }) => {
    const { t, v1 } = signatureParts(headers['stripe-signature']);
    if (!t) return { ok: false, reason: 'missing' };
    const verdict = verifyHmacSha256({ secrets, parts: [`${t}.`, rawBody], candidates: v1 });
    if (!verdict.ok) return verdict;
    return timestampFresh(t, now, STRIPE_TOLERANCE_SECONDS) ? verdict : { ok: false, reason: 'stale' };
  },
  parse: ({ text, config }) => {
    const body = stripeEvent.parse(JSON.parse(text));
    const wanted = config.eventTypes.some(
      (type) => type === '*' || type === body.type || (type.endsWith('.*') && body.type.startsWith(type.slice(0, -1))),
    );
    if (!wanted) return [];
    return [{ id: body.id, type: body.type, accountId: body.account, payload: body }];
  },
});
