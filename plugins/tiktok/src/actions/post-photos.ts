import { defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { tiktokAuth } from '../auth.ts';
import { envelope, privacyLevel, publishId, publishOutput } from '../schemas.ts';

/**
 * Reference: https://developers.tiktok.com/doc/content-posting-api-reference-photo-post
 * POST /v2/post/publish/content/init/ with media_type PHOTO: up to 35 images, pulled from
 * verified URLs only (photos have no file upload). DIRECT_POST publishes; MEDIA_UPLOAD sends
 * them to the creator's inbox (scope video.upload).
 */
export const postPhotos = defineActionFor(tiktokAuth)({
  description: 'Post a photo carousel to TikTok, or send it to the creator’s inbox as a draft',
  input: z
    .object({
      mode: z.enum(['DIRECT_POST', 'MEDIA_UPLOAD']).default('DIRECT_POST'),
      title: z.string().max(90).default(''),
      description: z.string().max(4_000).default(''),
      privacyLevel: privacyLevel.optional().describe('Required for DIRECT_POST'),
      disableComment: z.boolean().default(false),
      autoAddMusic: z.boolean().default(false),
      brandContentToggle: z.boolean().default(false),
      brandOrganicToggle: z.boolean().default(false),
      photoUrls: z
        .array(z.url({ protocol: /^https$/ }))
        .min(1)
        .max(35),
      coverIndex: z.number().int().nonnegative().default(0),
    })
    .refine((i) => i.mode === 'MEDIA_UPLOAD' || i.privacyLevel !== undefined, {
      path: ['privacyLevel'],
      message: 'privacyLevel is required for DIRECT_POST',
    })
    .refine((i) => i.coverIndex < i.photoUrls.length, { path: ['coverIndex'], message: 'coverIndex must name one of photoUrls' }),
  output: publishOutput,
  scopes: ['video.publish'],
  run: async (input, ctx) => {
    const res = await ctx.http.post('/post/publish/content/init/', {
      json: {
        media_type: 'PHOTO',
        post_mode: input.mode,
        post_info: {
          title: input.title,
          description: input.description,
          privacy_level: input.privacyLevel,
          disable_comment: input.disableComment,
          auto_add_music: input.autoAddMusic,
          brand_content_toggle: input.brandContentToggle,
          brand_organic_toggle: input.brandOrganicToggle,
        },
        source_info: { source: 'PULL_FROM_URL', photo_images: input.photoUrls, photo_cover_index: input.coverIndex },
      },
      schema: envelope(publishId),
    });
    return { publishId: res.data.data.publish_id };
  },
});
