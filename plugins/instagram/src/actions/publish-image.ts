import { z } from 'zod';
import { awaitFinished, createContainer, IMAGE_POLL, publishContainer } from '../container.ts';
import { igUserOf, webUrl } from '../graph.ts';
import { defineInstagramAction } from './define.ts';

/**
 * Reference: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media
 * (image container: `image_url`, `caption`, `alt_text`), then `media_publish`.
 */
export const publishImage = defineInstagramAction({
  description: 'Publish a single image (JPEG at a public URL Meta can fetch) with an optional caption',
  scopes: ['instagram_business_content_publish'],
  timeoutMs: 60_000,
  input: z.object({
    imageUrl: webUrl.describe('A public https URL of a JPEG image'),
    caption: z.string().max(2200).optional(),
    altText: z.string().max(1000).optional(),
  }),
  output: z.object({ id: z.string(), containerId: z.string() }),
  run: async (input, ctx) => {
    const igUser = igUserOf(ctx.connection.metadata);
    const form: Record<string, string> = { image_url: input.imageUrl };
    if (input.caption !== undefined) form.caption = input.caption;
    if (input.altText !== undefined) form.alt_text = input.altText;
    const containerId = await createContainer(ctx, igUser, form);
    await awaitFinished(ctx, containerId, IMAGE_POLL);
    return { id: await publishContainer(ctx, igUser, containerId), containerId };
  },
});
