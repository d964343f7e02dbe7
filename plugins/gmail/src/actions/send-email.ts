import { defineAction } from '@patchbay/sdk';
import { utf8Bytes } from '../encoding.ts';
import { buildMessage } from '../mime.ts';
import { composeInput, sentMessage } from '../schemas.ts';
import { refuseOversized, sendRaw } from '../send-raw.ts';
import { replyHeaders } from '../thread-headers.ts';

/**
 * Reference: https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/send.
 * A reply in a thread carries In-Reply-To and References (given, or read from the thread) so it
 * threads for recipients too; messages above 5 MB go through the upload URI.
 */
export const sendEmail = defineAction({
  description: 'Send an email (text, HTML, attachments) from the connected account; with threadId, as a reply that threads',
  scopes: ['https://www.googleapis.com/auth/gmail.send'],
  input: composeInput,
  output: sentMessage,
  // Large messages upload in 8 MiB chunks, each with its own timeout.
  timeoutMs: 5 * 60_000,
  run: async (input, ctx) => {
    refuseOversized(input);
    const threading = await replyHeaders(input, ctx.http);
    return sendRaw(ctx, utf8Bytes(buildMessage({ ...input, ...threading })), input.threadId);
  },
});
