import { z } from 'zod';
import { defineTwilioAction } from '../auth.ts';
import { accountPath, message, messageOutput, toMessage } from '../message.ts';

/** Reference: https://www.twilio.com/docs/messaging/api/message-resource#fetch-a-message-resource */
export const getMessage = defineTwilioAction({
  description: 'Read a message, with its delivery status and error code',
  idempotent: true,
  input: z.object({ sid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'a Message SID (SM... or MM...)') }),
  output: messageOutput,
  run: async (input, ctx) => {
    const res = await ctx.http.get(`${accountPath(ctx.credentials)}/Messages/${input.sid}.json`, { schema: message });
    return toMessage(res.data);
  },
});
