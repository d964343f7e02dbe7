/**
 * @module The parts of YouTube resources our actions send and read
 * (https://developers.google.com/youtube/v3/docs/videos#resource): video snippets and status as
 * input, and the provider's `videos`, `playlistItems`, `commentThreads` and `comments` answers.
 */
import { z } from 'zod';

export const SCOPES = {
  upload: 'https://www.googleapis.com/auth/youtube.upload',
  readonly: 'https://www.googleapis.com/auth/youtube.readonly',
  manage: 'https://www.googleapis.com/auth/youtube',
  forceSsl: 'https://www.googleapis.com/auth/youtube.force-ssl',
} as const;

/** Video ids are 11 characters of base64url. */
export const videoId = z.string().regex(/^[A-Za-z0-9_-]{11}$/, 'an 11-character YouTube video id');

/** The full snippet: `videos.update` replaces it whole, so what is left out is cleared. */
export const snippetInput = z.object({
  title: z
    .string()
    .min(1)
    .max(100)
    .refine((t) => !/[<>]/.test(t), 'YouTube refuses < and > in titles'),
  description: z.string().max(5000).optional(),
  tags: z.array(z.string().min(1)).max(500).optional(),
  categoryId: z.string().regex(/^\d+$/, 'a numeric video category id, e.g. "22" (People & Blogs)'),
  defaultLanguage: z.string().min(2).max(35).optional(),
});

export const statusInput = z.object({
  privacyStatus: z.enum(['private', 'unlisted', 'public']),
  publishAt: z.iso.datetime().optional().describe('Scheduled publication; needs privacyStatus "private"'),
  selfDeclaredMadeForKids: z.boolean().optional(),
  embeddable: z.boolean().optional(),
});

export const thumbnail = z.object({ url: z.string(), width: z.number().optional(), height: z.number().optional() });

/** What `videos.list` / `videos.insert` / `videos.update` answer, the fields we read. */
export const videoResource = z.object({
  id: z.string(),
  snippet: z
    .object({
      title: z.string().optional(),
      description: z.string().optional(),
      publishedAt: z.string().optional(),
      channelId: z.string().optional(),
      tags: z.array(z.string()).optional(),
      categoryId: z.string().optional(),
      thumbnails: z.record(z.string(), thumbnail).optional(),
    })
    .optional(),
  status: z
    .object({ uploadStatus: z.string().optional(), privacyStatus: z.string().optional(), publishAt: z.string().optional() })
    .optional(),
  statistics: z
    .object({
      viewCount: z.string().optional(),
      likeCount: z.string().optional(),
      commentCount: z.string().optional(),
      favoriteCount: z.string().optional(),
    })
    .optional(),
});

export const videoSummary = z.object({
  id: z.string(),
  title: z.string().nullable(),
  privacyStatus: z.string().nullable(),
  uploadStatus: z.string().nullable(),
});

/** The summary callers get back after an upload or an update. */
export function summarize(video: z.output<typeof videoResource>): z.output<typeof videoSummary> {
  return {
    id: video.id,
    title: video.snippet?.title ?? null,
    privacyStatus: video.status?.privacyStatus ?? null,
    uploadStatus: video.status?.uploadStatus ?? null,
  };
}

export const comment = z.object({
  id: z.string(),
  snippet: z.object({
    textDisplay: z.string().optional(),
    textOriginal: z.string().optional(),
    authorDisplayName: z.string().optional(),
    authorChannelId: z.object({ value: z.string() }).optional(),
    parentId: z.string().optional(),
    likeCount: z.number().optional(),
    publishedAt: z.string().optional(),
    updatedAt: z.string().optional(),
  }),
});

export const commentOutput = z.object({
  id: z.string(),
  text: z.string().nullable(),
  author: z.string().nullable(),
  authorChannelId: z.string().nullable(),
  likeCount: z.number(),
  publishedAt: z.string().nullable(),
});

export function commentOf(c: z.output<typeof comment>): z.output<typeof commentOutput> {
  return {
    id: c.id,
    text: c.snippet.textOriginal ?? c.snippet.textDisplay ?? null,
    author: c.snippet.authorDisplayName ?? null,
    authorChannelId: c.snippet.authorChannelId?.value ?? null,
    likeCount: c.snippet.likeCount ?? 0,
    publishedAt: c.snippet.publishedAt ?? null,
  };
}
