import { z } from 'zod';
import { awaitFinished, createContainer, IMAGE_POLL, publishContainer, VIDEO_POLL } from '../container.ts';
import { igUserOf, webUrl } from '../graph.ts';
import { defineInstagramAction } from './define.ts';

const item = z.discriminatedUnion('type', [
  z.object({ type: z.literal('image'), url: webUrl }),
  z.object({ type: z.literal('video'), url: webUrl }),
]);

/**
 * Reference: https://developers.facebook.com/docs/instagram-platform/content-publishing#carousel-posts
 * (one container per item with `is_carousel_item=true`, then a CAROUSEL container naming them, 2-10 items).
 */
export const publishCarousel = defineInstagramAction({
  description: 'Publish a carousel of 2 to 10 images and videos from public URLs',
  scopes: ['instagram_business_content_publish'],
  timeoutMs: 10 * 60_000,
  input: z.object({ items: z.array(item).min(2).max(10), caption: z.string().max(2200).optional() }),
  output: z.object({ id: z.string(), containerId: z.string(), childIds: z.array(z.string()) }),
  run: async (input, ctx) => {
    const igUser = igUserOf(ctx.connection.metadata);
    // Create every item first: Meta fetches and processes them side by side, so the waits overlap.
    const childIds: string[] = [];
    for (const entry of input.items) {
      const form: Record<string, string> =
        entry.type === 'image'
          ? { image_url: entry.url, is_carousel_item: 'true' }
          : { media_type: 'VIDEO', video_url: entry.url, is_carousel_item: 'true' };
      childIds.push(await createContainer(ctx, igUser, form));
    }
    for (const [i, id] of childIds.entries()) await awaitFinished(ctx, id, input.items[i]?.type === 'video' ? VIDEO_POLL : IMAGE_POLL);
    const parent: Record<string, string> = { media_type: 'CAROUSEL', children: childIds.join(',') };
    if (input.caption !== undefined) parent.caption = input.caption;
    const containerId = await createContainer(ctx, igUser, parent);
    await awaitFinished(ctx, containerId, IMAGE_POLL);
    return { id: await publishContainer(ctx, igUser, containerId), containerId, childIds };
  },
});
