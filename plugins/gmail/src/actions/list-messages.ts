import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

const page = z.object({
  messages: z.array(z.object({ id: z.string(), threadId: z.string() })).optional(),
  nextPageToken: z.string().optional(),
  resultSizeEstimate: z.number().optional(),
});

/** Reference: https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages/list */
export const listMessages = defineAction({
  description: 'List message ids matching a Gmail search query, one page at a time',
  scopes: ['https://www.googleapis.com/auth/gmail.readonly'],
  idempotent: true,
  input: z.object({
    query: z.string().max(2000).optional().describe('Gmail search syntax, e.g. "from:ada is:unread"'),
    labelIds: z.array(z.string()).max(20).optional(),
    maxResults: z.number().int().min(1).max(500).default(50),
    pageToken: z.string().optional(),
    includeSpamTrash: z.boolean().optional(),
  }),
  output: z.object({
    messages: z.array(z.object({ id: z.string(), threadId: z.string() })),
    nextPageToken: z.string().nullable(),
    resultSizeEstimate: z.number(),
  }),
  run: async (input, ctx) => {
    const query: Record<string, string | string[]> = { maxResults: String(input.maxResults) };
    if (input.query) query.q = input.query;
    if (input.labelIds?.length) query.labelIds = input.labelIds;
    if (input.pageToken) query.pageToken = input.pageToken;
    if (input.includeSpamTrash !== undefined) query.includeSpamTrash = String(input.includeSpamTrash);
    const res = await ctx.http.get('/gmail/v1/users/me/messages', { query, schema: page });
    return {
      messages: res.data.messages ?? [],
      nextPageToken: res.data.nextPageToken ?? null,
      resultSizeEstimate: res.data.resultSizeEstimate ?? 0,
    };
  },
});
