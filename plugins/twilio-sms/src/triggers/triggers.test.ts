import { FEED_URL, feedWebhook, testWebhookTrigger } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { incomingMessage } from './incoming-message.ts';
import { messageStatus } from './message-status.ts';
import { signTwilioRequest, twilioSignature } from './signature.ts';

const sms = new URLSearchParams({
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+14155550100',
  To: '+14155550199',
  Body: 'Hello & bye',
  NumMedia: '0',
}).toString();
const delivered = new URLSearchParams({
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  MessageStatus: 'delivered',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
}).toString();
const config = { phoneNumberSid: `PN${'a'.repeat(32)}` };

testWebhookTrigger('twilio-sms.incomingMessage', incomingMessage, { sign: signTwilioRequest, sample: sms, config });
testWebhookTrigger('twilio-sms.messageStatus', messageStatus, { sign: signTwilioRequest, sample: delivered });

describe('twilio signatures', () => {
  it("matches Twilio's documented example", () => {
    // https://www.twilio.com/docs/usage/security#validating-requests
    const params = new URLSearchParams({
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    });
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('refuses a request signed for another URL (the URL is signed too)', () => {
    const sign = (body: string, secret: string, now: Date) => signTwilioRequest(body, secret, now, 'https://elsewhere.example/hook');
    expect(feedWebhook(messageStatus, { body: delivered, secret: 'token-0123456789abcdef', sign })).toEqual({
      kind: 'refused',
      reason: 'mismatch',
    });
    expect(
      feedWebhook(messageStatus, { body: delivered, secret: 'token-0123456789abcdef', sign: signTwilioRequest, url: FEED_URL }).kind,
    ).toBe('events');
  });

  it('stores each status of a message as its own event, an inbound SMS by its MessageSid', () => {
    const secret = 'token-0123456789abcdef';
    expect(feedWebhook(messageStatus, { body: delivered, secret, sign: signTwilioRequest })).toMatchObject({
      kind: 'events',
      events: [
        { id: 'SM0123456789abcdef0123456789abcdef:delivered', type: 'sms.delivered', accountId: 'AC0123456789abcdef0123456789abcdef' },
      ],
    });
    expect(feedWebhook(incomingMessage, { body: sms, secret, sign: signTwilioRequest, config })).toMatchObject({
      kind: 'events',
      events: [{ id: 'SM0123456789abcdef0123456789abcdef', type: 'sms.received', payload: { Body: 'Hello & bye' } }],
    });
  });
});
