import { z } from 'zod';
import { defineTwilioAction } from '../auth.ts';
import { accountPath, message, messageOutput, toMessage } from '../message.ts';

const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'a phone number in E.164 format, like +14155552671');

/**
 * Reference: https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 * (form-encoded: To, From or MessagingServiceSid, Body, StatusCallback).
 */
export const sendSms = defineTwilioAction({
  description: 'Send an SMS; Twilio queues it and reports delivery through its status',
  input: z
    .object({
      to: e164.describe('Recipient, E.164'),
      from: z
        .string()
        .regex(/^(\+[1-9]\d{1,14}|\d{3,8}|[A-Za-z0-9 ]{1,11})$/, 'an E.164 number, a short code or an alphanumeric sender ID')
        .optional()
        .describe('A Twilio number (E.164), short code or alphanumeric sender ID; or use messagingServiceSid'),
      messagingServiceSid: z
        .string()
        .regex(/^MG[0-9a-fA-F]{32}$/, 'a Messaging Service SID (MG...)')
        .optional()
        .describe('Let a Messaging Service pick the sender'),
      body: z.string().min(1).max(1_600),
      statusCallback: z
        .url({ protocol: /^https?$/ })
        .optional()
        .describe('Twilio POSTs status changes here'),
    })
    .refine((i) => i.from !== undefined || i.messagingServiceSid !== undefined, {
      message: 'from or messagingServiceSid is required',
      path: ['from'],
    }),
  output: messageOutput,
  run: async (input, ctx) => {
    const res = await ctx.http.post(`${accountPath(ctx.credentials)}/Messages.json`, {
      form: {
        To: input.to,
        From: input.from,
        MessagingServiceSid: input.messagingServiceSid,
        Body: input.body,
        StatusCallback: input.statusCallback,
      },
      schema: message,
    });
    return toMessage(res.data);
  },
});
