import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { base64url, utf8Bytes } from '../encoding.ts';
import { buildMessage } from '../mime.ts';
import { composeInput, sentMessage } from '../schemas.ts';
import { replyHeaders } from '../thread-headers.ts';

const draft = z.object({ id: z.string(), message: sentMessage });

/** Reference: https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.drafts/create */
export const createDraft = defineAction({
  description: 'Save a draft in the connected account; with threadId, as a reply that threads',
  scopes: ['https://www.googleapis.com/auth/gmail.compose'],
  input: composeInput,
  output: draft,
  run: async (input, ctx) => {
    const threading = await replyHeaders(input, ctx.http);
    const raw = base64url(utf8Bytes(buildMessage({ ...input, ...threading })));
    const res = await ctx.http.post('/gmail/v1/users/me/drafts', {
      json: { message: { raw, ...(input.threadId ? { threadId: input.threadId } : {}) } },
      schema: draft,
    });
    return res.data;
  },
});
