/**
 * @module Inbound SMS (https://www.twilio.com/docs/messaging/guides/webhook-request): Twilio POSTs
 * a form-encoded request to the phone number's SmsUrl for every message it receives, signed with
 * the account's auth token. Subscribing points the chosen number's SmsUrl at Patchbay
 * (https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource#update-an-incomingphonenumber-resource)
 * and keeps the auth token as the subscription's secret; unsubscribing clears the SmsUrl.
 */
import { defineTrigger } from '@patchbay/sdk';
import { z } from 'zod';
import { signingToken, twilioAuth } from '../auth.ts';
import { accountPath } from '../message.ts';
import { verifyTwilioRequest } from './signature.ts';

const inbound = z.looseObject({
  MessageSid: z.string().min(1),
  AccountSid: z.string(),
  From: z.string(),
  To: z.string(),
  Body: z.string(),
  NumMedia: z.string().optional(),
});

const credentials = (raw: unknown) => twilioAuth.fields.parse(raw);
const numberPath = (raw: unknown, sid: string) => `${accountPath(credentials(raw))}/IncomingPhoneNumbers/${encodeURIComponent(sid)}.json`;

export const incomingMessage = defineTrigger({
  kind: 'webhook',
  description: 'An SMS received on one of the account’s Twilio numbers',
  event: inbound,
  config: z.object({
    phoneNumberSid: z
      .string()
      .regex(/^PN[0-9a-fA-F]{32}$/, 'a phone number SID (PN...)')
      .describe('The Twilio number to receive on'),
  }),
  verify: ({ rawBody, url, headers, secrets }) =>
    verifyTwilioRequest({ text: Buffer.from(rawBody).toString('utf8'), url, headers, secrets }),
  parse: ({ text }) => {
    const body = inbound.parse(Object.fromEntries(new URLSearchParams(text)));
    return [{ id: body.MessageSid, type: 'sms.received', accountId: body.AccountSid, payload: body }];
  },
  subscribe: async (ctx) => {
    await ctx.http.post(numberPath(ctx.credentials, ctx.config.phoneNumberSid), { form: { SmsUrl: ctx.callbackUrl, SmsMethod: 'POST' } });
    // Twilio signs with the auth token, not a secret Patchbay could register.
    return { state: { phoneNumberSid: ctx.config.phoneNumberSid }, secret: signingToken(ctx.credentials) };
  },
  unsubscribe: async (ctx) => {
    await ctx.http.post(numberPath(ctx.credentials, ctx.config.phoneNumberSid), { form: { SmsUrl: '' } });
  },
});
