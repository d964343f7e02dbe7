import { ConnectorError, defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { SCOPES, thumbnail } from '../schemas.ts';

const channels = z.object({
  items: z
    .array(z.object({ id: z.string(), contentDetails: z.object({ relatedPlaylists: z.object({ uploads: z.string() }) }) }))
    .optional(),
});

const playlistItems = z.object({
  nextPageToken: z.string().optional(),
  pageInfo: z.object({ totalResults: z.number().optional() }).optional(),
  items: z.array(
    z.object({
      snippet: z.object({
        title: z.string().optional(),
        description: z.string().optional(),
        publishedAt: z.string().optional(),
        thumbnails: z.record(z.string(), thumbnail).optional(),
      }),
      contentDetails: z.object({ videoId: z.string(), videoPublishedAt: z.string().optional() }),
    }),
  ),
});

/**
 * References: https://developers.google.com/youtube/v3/docs/channels/list and
 * https://developers.google.com/youtube/v3/docs/playlistItems/list. The channel's uploads
 * playlist costs 1 quota unit per page; search.list would cost 100 and lags behind new uploads.
 */
export const listMyVideos = defineAction({
  description: "List the connected channel's uploaded videos, newest first, one page at a time",
  scopes: [SCOPES.readonly],
  input: z.object({
    maxResults: z.number().int().min(1).max(50).default(25),
    pageToken: z.string().min(1).optional(),
  }),
  output: z.object({
    videos: z.array(
      z.object({
        id: z.string(),
        title: z.string().nullable(),
        description: z.string().nullable(),
        publishedAt: z.string().nullable(),
        thumbnailUrl: z.string().nullable(),
      }),
    ),
    nextPageToken: z.string().nullable(),
    totalResults: z.number().nullable(),
  }),
  idempotent: true,
  run: async (input, ctx) => {
    const channel = await ctx.http.get('/youtube/v3/channels', { query: { part: 'contentDetails', mine: 'true' }, schema: channels });
    const uploads = channel.data.items?.[0]?.contentDetails.relatedPlaylists.uploads;
    if (!uploads) throw new ConnectorError('NOT_FOUND', 'This Google account has no YouTube channel', { status: 200 });
    const page = await ctx.http.get('/youtube/v3/playlistItems', {
      query: {
        part: 'snippet,contentDetails',
        playlistId: uploads,
        maxResults: input.maxResults,
        ...(input.pageToken ? { pageToken: input.pageToken } : {}),
      },
      schema: playlistItems,
    });
    return {
      videos: page.data.items.map((item) => ({
        id: item.contentDetails.videoId,
        title: item.snippet.title ?? null,
        description: item.snippet.description ?? null,
        publishedAt: item.contentDetails.videoPublishedAt ?? item.snippet.publishedAt ?? null,
        thumbnailUrl: item.snippet.thumbnails?.default?.url ?? null,
      })),
      nextPageToken: page.data.nextPageToken ?? null,
      totalResults: page.data.pageInfo?.totalResults ?? null,
    };
  },
});
