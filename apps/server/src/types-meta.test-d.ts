/** The root deployment gives clients typed Facebook Pages and Instagram actions. */
import { createPatchbayClient } from '@patchbay/client';
import type facebookPages from '@patchbay/connector-facebook-pages';
import type instagram from '@patchbay/connector-instagram';
import type { inferActionInput, inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import type { AppRouter } from '../../../patchbay.config.ts';

const client = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
type PublishPost = (typeof client.actions)['facebook-pages']['publishPost']['mutate'];
type PublishReel = typeof client.actions.instagram.publishReel.mutate;

expectTypeOf<Parameters<PublishPost>[0]['input']>().toEqualTypeOf<inferActionInput<typeof facebookPages, 'publishPost'>>();
expectTypeOf<Awaited<ReturnType<PublishPost>>>().toEqualTypeOf<inferActionOutput<typeof facebookPages, 'publishPost'>>();
expectTypeOf<Parameters<PublishReel>[0]['input']>().toEqualTypeOf<inferActionInput<typeof instagram, 'publishReel'>>();
expectTypeOf<Awaited<ReturnType<PublishReel>>>().toEqualTypeOf<inferActionOutput<typeof instagram, 'publishReel'>>();

export async function facebookPagesActions(connectionId: string) {
  const pages = client.actions['facebook-pages'];
  const post = await pages.publishPost.mutate({ connectionId, input: { message: 'hi', scheduledPublishTime: '2026-12-24T10:00:00Z' } });
  expectTypeOf(post.id).toEqualTypeOf<string>();
  await pages.publishPhoto.mutate({ connectionId, input: { url: 'https://cdn.example.com/a.jpg', caption: 'c' } });
  await pages.publishVideo.mutate({ connectionId, input: { fileUrl: 'https://cdn.example.com/v.mp4' } });
  const posts = await pages.listPosts.mutate({ connectionId, input: { limit: 10 } });
  expectTypeOf(posts.after).toEqualTypeOf<string | null>();
  await pages.commentOnPost.mutate({ connectionId, input: { objectId: '1_2', message: 'thanks' } });
  await pages.hideComment.mutate({ connectionId, input: { commentId: '2_3' } });
  await pages.getInsights.mutate({ connectionId, input: { metrics: ['page_impressions_unique'], period: 'day' } });
  await pages.subscribePageWebhooks.mutate({ connectionId, input: { fields: ['feed'] } });
  // @ts-expect-error publishPhoto takes `url`, not `imageUrl`
  await pages.publishPhoto.mutate({ connectionId, input: { imageUrl: 'https://cdn.example.com/a.jpg' } });
}

export async function instagramActions(connectionId: string) {
  const ig = client.actions.instagram;
  await ig.publishImage.mutate({ connectionId, input: { imageUrl: 'https://cdn.example.com/a.jpg' } });
  const reel = await ig.publishReel.mutate({ connectionId, input: { videoUrl: 'https://cdn.example.com/r.mp4', shareToFeed: true } });
  expectTypeOf(reel.containerId).toEqualTypeOf<string>();
  await ig.publishCarousel.mutate({
    connectionId,
    input: {
      items: [
        { type: 'image', url: 'https://cdn.example.com/1.jpg' },
        { type: 'video', url: 'https://cdn.example.com/2.mp4' },
      ],
    },
  });
  const limit = await ig.getPublishingLimit.mutate({ connectionId, input: {} });
  expectTypeOf(limit.quotaTotal).toEqualTypeOf<number | null>();
  await ig.listMedia.mutate({ connectionId, input: { after: 'QVFH' } });
  await ig.replyToComment.mutate({ connectionId, input: { commentId: '178', message: 'hi' } });
  // @ts-expect-error carousel items need a type
  await ig.publishCarousel.mutate({ connectionId, input: { items: [{ url: 'https://cdn.example.com/1.jpg' }] } });
}
