import { defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { tiktokAuth } from '../auth.ts';
import { envelope, privacyLevel } from '../schemas.ts';

const creator = z.object({
  creator_avatar_url: z.string(),
  creator_username: z.string(),
  creator_nickname: z.string(),
  privacy_level_options: z.array(z.string()),
  comment_disabled: z.boolean(),
  duet_disabled: z.boolean(),
  stitch_disabled: z.boolean(),
  max_video_post_duration_sec: z.number(),
});

const isPrivacyLevel = (option: string): option is z.output<typeof privacyLevel> => privacyLevel.safeParse(option).success;

/**
 * Reference: https://developers.tiktok.com/doc/content-posting-api-reference-query-creator-info
 * TikTok's UX guidelines (an audit requirement) ask for this before every direct post: the
 * privacy levels offered must come from here, and a creator who cannot post now is told so.
 */
export const getCreatorInfo = defineActionFor(tiktokAuth)({
  description: 'The creator’s nickname, allowed privacy levels, interaction settings and longest video, needed before posting',
  input: z.object({}),
  output: z.object({
    username: z.string(),
    nickname: z.string(),
    avatarUrl: z.string(),
    privacyLevelOptions: z.array(privacyLevel),
    commentDisabled: z.boolean(),
    duetDisabled: z.boolean(),
    stitchDisabled: z.boolean(),
    maxVideoPostDurationSec: z.number(),
  }),
  scopes: ['video.publish'],
  idempotent: true,
  run: async (_input, ctx) => {
    const res = await ctx.http.post('/post/publish/creator_info/query/', { json: {}, schema: envelope(creator), idempotent: true });
    const c = res.data.data;
    return {
      username: c.creator_username,
      nickname: c.creator_nickname,
      avatarUrl: c.creator_avatar_url,
      // Options TikTok may add later are dropped rather than failing the call.
      privacyLevelOptions: c.privacy_level_options.filter(isPrivacyLevel),
      commentDisabled: c.comment_disabled,
      duetDisabled: c.duet_disabled,
      stitchDisabled: c.stitch_disabled,
      maxVideoPostDurationSec: c.max_video_post_duration_sec,
    };
  },
});
