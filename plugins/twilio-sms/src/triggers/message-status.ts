/**
 * @module Status callbacks (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status):
 * Twilio POSTs each change of an outbound message's status to the `StatusCallback` URL it was
 * sent with (pass the subscription's URL as `statusCallback` to `sendSms`), form-encoded and
 * signed with the auth token. One message reports several statuses, so the event id is
 * `<MessageSid>:<MessageStatus>`: each status is stored once however often Twilio retries it.
 */
import { defineTrigger } from '@patchbay/sdk';
import { z } from 'zod';
import { signingToken } from '../auth.ts';
import { verifyTwilioRequest } from './signature.ts';

const status = z.looseObject({
  MessageSid: z.string().min(1),
  MessageStatus: z.string().min(1),
  AccountSid: z.string(),
  To: z.string().optional(),
  From: z.string().optional(),
  ErrorCode: z.string().optional(),
});

export const messageStatus = defineTrigger({
  kind: 'webhook',
  description: 'A status change (sent, delivered, failed, ...) of a message sent with this subscription’s URL as statusCallback',
  event: status,
  verify: ({ rawBody, url, headers, secrets }) =>
    verifyTwilioRequest({ text: Buffer.from(rawBody).toString('utf8'), url, headers, secrets }),
  parse: ({ text }) => {
    const body = status.parse(Object.fromEntries(new URLSearchParams(text)));
    return [
      { id: `${body.MessageSid}:${body.MessageStatus}`, type: `sms.${body.MessageStatus}`, accountId: body.AccountSid, payload: body },
    ];
  },
  // Nothing to create at Twilio; the auth token is what signs the callbacks.
  subscribe: async (ctx) => ({ secret: signingToken(ctx.credentials) }),
});
