/** @module Shapes shared by TikTok's posting actions (https://developers.tiktok.com/doc/content-posting-api-reference-direct-post). */
import { z } from 'zod';

export const privacyLevel = z
  .enum(['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'])
  .describe('Must be one of the creator’s privacy_level_options (getCreatorInfo); unaudited apps may only use SELF_ONLY');

/** `{ data, error }`: the data part of a successful answer, with the error envelope checked by mapError. */
export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ data, error: z.object({ code: z.literal('ok') }).optional() });
}

export const publishId = z.object({ publish_id: z.string() });

/** What a posting action answers: the publish id to poll with getPublishStatus. */
export const publishOutput = z.object({ publishId: z.string() });

/** The video itself for FILE_UPLOAD: base64 bytes and their type. */
export const videoFile = z.object({
  source: z.literal('FILE_UPLOAD'),
  video: z.base64().describe('The video bytes, base64; prefer PULL_FROM_URL for large files'),
  contentType: z.enum(['video/mp4', 'video/quicktime', 'video/webm']).default('video/mp4'),
});

export const videoFromUrl = z.object({
  source: z.literal('PULL_FROM_URL'),
  videoUrl: z.url({ protocol: /^https$/ }).describe('On a domain or URL prefix verified in the TikTok app'),
});

export const videoSource = z.discriminatedUnion('source', [videoFromUrl, videoFile]);
