import { feedWebhook, testWebhookTrigger } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { message } from './message.ts';
import { signMetaNotification } from './sign-notification.ts';

const WABA = '102290129340398';
const PHONE = '106540352242922';

const notification = (value: Record<string, unknown>, phone = PHONE) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: WABA,
      changes: [
        {
          field: 'messages',
          value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phone }, ...value },
        },
      ],
    },
  ],
});

const inbound = notification({
  contacts: [{ profile: { name: 'Ada' }, wa_id: '16505551234' }],
  messages: [
    {
      from: '16505551234',
      id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdB',
      timestamp: '1764633600',
      type: 'text',
      text: { body: 'Is my order shipped?' },
      context: { from: '15550783881', id: 'wamid.OUT1' },
    },
  ],
});

const statuses = notification({
  statuses: [
    { id: 'wamid.OUT1', status: 'delivered', timestamp: '1764633660', recipient_id: '16505551234' },
    {
      id: 'wamid.OUT2',
      status: 'failed',
      timestamp: '1764633670',
      recipient_id: '16505551234',
      errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' }],
    },
  ],
});

testWebhookTrigger('whatsapp.message', message, { sign: signMetaNotification, sample: inbound });

describe('whatsapp.message', () => {
  const secret = 'meta-app-secret';
  const feed = (body: object, config?: Record<string, unknown>) =>
    feedWebhook(message, { body, secret, sign: signMetaNotification, ...(config ? { config } : {}) });

  it('an inbound text becomes one event keyed by its wamid, with the sender, name, time and quoted message', () => {
    expect(feed(inbound)).toEqual({
      kind: 'events',
      events: [
        {
          id: 'wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdB',
          type: 'message',
          accountId: WABA,
          payload: expect.objectContaining({
            kind: 'message',
            wabaId: WABA,
            phoneNumberId: PHONE,
            user: '16505551234',
            userName: 'Ada',
            at: '2025-12-02T00:00:00.000Z',
            type: 'text',
            text: 'Is my order shipped?',
            replyTo: 'wamid.OUT1',
            errors: [],
          }),
        },
      ],
    });
  });

  it('each status change of a sent message is its own event, failures with their errors', () => {
    const result = feed(statuses);
    expect(result).toMatchObject({
      kind: 'events',
      events: [
        { id: 'wamid.OUT1:delivered', type: 'status', payload: { type: 'delivered', messageId: 'wamid.OUT1', errors: [] } },
        {
          id: 'wamid.OUT2:failed',
          type: 'status',
          payload: { type: 'failed', errors: [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' }] },
        },
      ],
    });
  });

  it('keeps only the kinds and the phone number the tenant chose', () => {
    expect(feed(statuses, { kinds: ['message'] })).toEqual({ kind: 'events', events: [] });
    expect(feed(inbound, { phoneNumberId: '999999999999' })).toEqual({ kind: 'events', events: [] });
    expect(feed(inbound, { phoneNumberId: PHONE })).toMatchObject({ kind: 'events', events: [{ type: 'message' }] });
  });

  it('refuses a body signed with another secret, or not signed', () => {
    expect(feed(inbound).kind).toBe('events');
    expect(feedWebhook(message, { body: inbound, secret, sign: (b) => signMetaNotification(b, 'other-secret') }).kind).toBe('refused');
    expect(feedWebhook(message, { body: inbound, secret, sign: () => ({}) }).kind).toBe('refused');
  });

  it('answers Meta URL checks through hubChallenge', () => {
    expect(message.hubChallenge).toBe(true);
  });
});
