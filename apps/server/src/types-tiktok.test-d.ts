/** The root deployment types every TikTok action, and Discord's new createForumPost, from their zod schemas (issue 15). */
import { createPatchbayClient } from '@patchbay/client';
import type tiktok from '@patchbay/connector-tiktok';
import type { inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import type { AppRouter } from '../../../patchbay.config.ts';

const client = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
const actions = client.actions.tiktok;

export async function everyTikTokAction(connectionId: string) {
  const creator = await actions.getCreatorInfo.mutate({ connectionId, input: {} });
  expectTypeOf(creator).toEqualTypeOf<inferActionOutput<typeof tiktok, 'getCreatorInfo'>>();
  expectTypeOf(creator.privacyLevelOptions).toEqualTypeOf<
    ('PUBLIC_TO_EVERYONE' | 'MUTUAL_FOLLOW_FRIENDS' | 'FOLLOWER_OF_CREATOR' | 'SELF_ONLY')[]
  >();
  const posted = await actions.postVideo.mutate({
    connectionId,
    input: { privacyLevel: 'SELF_ONLY', source: { source: 'PULL_FROM_URL', videoUrl: 'https://media.example.com/a.mp4' } },
  });
  expectTypeOf(posted).toEqualTypeOf<{ publishId: string }>();
  await actions.uploadVideoDraft.mutate({ connectionId, input: { source: { source: 'FILE_UPLOAD', video: 'AAAA' } } });
  await actions.postPhotos.mutate({ connectionId, input: { privacyLevel: 'SELF_ONLY', photoUrls: ['https://media.example.com/1.jpg'] } });
  const status = await actions.getPublishStatus.mutate({ connectionId, input: { publishId: posted.publishId } });
  expectTypeOf(status.postIds).toEqualTypeOf<string[]>();
  const page = await actions.listVideos.mutate({ connectionId, input: { maxCount: 10 } });
  expectTypeOf(page.nextCursor).toEqualTypeOf<number | undefined>();

  const fileWithoutBytes = { source: 'FILE_UPLOAD', videoUrl: 'https://x.test/a.mp4' } as const;
  // @ts-expect-error a file upload needs the video bytes, not a URL
  await actions.postVideo.mutate({ connectionId, input: { privacyLevel: 'SELF_ONLY', source: fileWithoutBytes } });
}

export async function discordForumPost(connectionId: string) {
  const post = await client.actions.discord.createForumPost.mutate({
    connectionId,
    input: { channelId: '1052476383196569700', title: 'Release notes', content: 'Inside', allowedMentions: { parse: [] } },
  });
  expectTypeOf(post).toEqualTypeOf<{ threadId: string; title: string; messageId?: string | undefined }>();
  const message = { channelId: '1052476383196569640', content: 'x' };
  // @ts-expect-error 'channels' is not a mention kind Discord parses
  await client.actions.discord.sendMessage.mutate({ connectionId, input: { ...message, allowedMentions: { parse: ['channels'] } } });
}
