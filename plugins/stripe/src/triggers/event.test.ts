import { feedWebhook, testWebhookTrigger } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { event, STRIPE_TOLERANCE_SECONDS } from './event.ts';
import { signStripeEvent } from './sign-event.ts';

const invoicePaid = {
  id: 'evt_1',
  object: 'event',
  type: 'invoice.paid',
  created: 1_700_000_000,
  livemode: false,
  data: { object: { id: 'in_1', amount_paid: 500 } },
};

testWebhookTrigger('stripe.event', event, { sign: signStripeEvent, sample: invoicePaid, toleranceSeconds: STRIPE_TOLERANCE_SECONDS });

describe('stripe.event', () => {
  const secret = 'whsec_test_secret';
  it('keeps only the event types the tenant chose (exact or a prefix)', () => {
    const feed = (eventTypes: string[]) => feedWebhook(event, { body: invoicePaid, secret, sign: signStripeEvent, config: { eventTypes } });
    expect(feed(['customer.created'])).toEqual({ kind: 'events', events: [] });
    expect(feed(['invoice.*'])).toMatchObject({ kind: 'events', events: [{ id: 'evt_1', type: 'invoice.paid' }] });
    expect(feed(['invoice.paid'])).toMatchObject({ kind: 'events', events: [{ id: 'evt_1' }] });
  });

  it('accepts any of several v1 signatures (Stripe sends one per active secret while rolling)', () => {
    const body = JSON.stringify(invoicePaid);
    const sign = (text: string, key: string, at: Date) => {
      const header = signStripeEvent(text, key, at)['stripe-signature'] ?? '';
      return { 'stripe-signature': `${header.replace(/v1=[0-9a-f]+/, 'v1=00ff')},${header.split(',')[1]}` };
    };
    expect(feedWebhook(event, { body, secret, sign }).kind).toBe('events');
  });

  it('carries the connected account of a Connect event as its provider account', () => {
    const receipt = feedWebhook(event, { body: { ...invoicePaid, account: 'acct_9' }, secret, sign: signStripeEvent });
    expect(receipt).toMatchObject({ kind: 'events', events: [{ accountId: 'acct_9' }] });
  });
});
