import { defineAction } from '@patchbay/sdk';
import { base64url, utf8Bytes } from '../encoding.ts';
import { buildMessage } from '../mime.ts';
import { composeInput, sentMessage } from '../schemas.ts';

/** Reference: https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send */
export const sendEmail = defineAction({
  description: 'Send an email (text, HTML, attachments) from the connected account',
  scopes: ['https://www.googleapis.com/auth/gmail.send'],
  input: composeInput,
  output: sentMessage,
  run: async (input, ctx) => {
    const raw = base64url(utf8Bytes(buildMessage(input)));
    const res = await ctx.http.post('/gmail/v1/users/me/messages/send', {
      json: { raw, ...(input.threadId ? { threadId: input.threadId } : {}) },
      schema: sentMessage,
    });
    return res.data;
  },
});
