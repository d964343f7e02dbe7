import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { comment, commentOf, commentOutput, SCOPES, videoId } from '../schemas.ts';

const threads = z.object({
  nextPageToken: z.string().optional(),
  items: z.array(
    z.object({
      id: z.string(),
      snippet: z.object({ topLevelComment: comment, totalReplyCount: z.number().optional(), canReply: z.boolean().optional() }),
      replies: z.object({ comments: z.array(comment) }).optional(),
    }),
  ),
});

/**
 * Reference: https://developers.google.com/youtube/v3/docs/commentThreads/list. Text comes as
 * typed (`textFormat=plainText`), not as HTML. `replies` holds only some of a thread's replies;
 * `totalReplyCount` says how many there are.
 */
export const listComments = defineAction({
  description: 'List the comment threads on a video (top-level comments with their first replies), one page at a time',
  scopes: [SCOPES.forceSsl],
  input: z.object({
    videoId,
    order: z.enum(['time', 'relevance']).default('time'),
    searchTerms: z.string().min(1).max(100).optional(),
    maxResults: z.number().int().min(1).max(100).default(20),
    pageToken: z.string().min(1).optional(),
  }),
  output: z.object({
    threads: z.array(
      z.object({
        id: z.string(),
        comment: commentOutput,
        totalReplyCount: z.number(),
        canReply: z.boolean(),
        replies: z.array(commentOutput),
      }),
    ),
    nextPageToken: z.string().nullable(),
  }),
  idempotent: true,
  run: async (input, ctx) => {
    const res = await ctx.http.get('/youtube/v3/commentThreads', {
      query: {
        part: 'snippet,replies',
        videoId: input.videoId,
        order: input.order,
        maxResults: input.maxResults,
        textFormat: 'plainText',
        ...(input.searchTerms ? { searchTerms: input.searchTerms } : {}),
        ...(input.pageToken ? { pageToken: input.pageToken } : {}),
      },
      schema: threads,
    });
    return {
      threads: res.data.items.map((t) => ({
        id: t.id,
        comment: commentOf(t.snippet.topLevelComment),
        totalReplyCount: t.snippet.totalReplyCount ?? 0,
        canReply: t.snippet.canReply ?? false,
        replies: (t.replies?.comments ?? []).map(commentOf),
      })),
      nextPageToken: res.data.nextPageToken ?? null,
    };
  },
});
