/** The root deployment gives clients typed YouTube actions: one compiled call per action, one refused input. */
import { createPatchbayClient } from '@patchbay/client';
import type youtube from '@patchbay/connector-youtube';
import type { inferActionInput, inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import type { AppRouter } from '../../../patchbay.config.ts';

const client = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
type GetVideos = typeof client.actions.youtube.getVideos.mutate;

expectTypeOf<Parameters<GetVideos>[0]['input']>().toEqualTypeOf<inferActionInput<typeof youtube, 'getVideos'>>();
expectTypeOf<Awaited<ReturnType<GetVideos>>>().toEqualTypeOf<inferActionOutput<typeof youtube, 'getVideos'>>();

const snippet = { title: 'Launch', categoryId: '28', tags: ['launch'] };

export async function everyYoutubeAction(connectionId: string) {
  const uploaded = await client.actions.youtube.uploadVideo.mutate({
    connectionId,
    input: { snippet, status: { privacyStatus: 'private' }, videoBase64: 'AAAA' },
  });
  expectTypeOf(uploaded.id).toEqualTypeOf<string>();
  const mine = await client.actions.youtube.listMyVideos.mutate({ connectionId, input: { maxResults: 10 } });
  expectTypeOf(mine.nextPageToken).toEqualTypeOf<string | null>();
  const stats = await client.actions.youtube.getVideos.mutate({ connectionId, input: { ids: ['dQw4w9WgXcQ'] } });
  expectTypeOf(stats.videos[0]?.viewCount).toEqualTypeOf<number | null | undefined>();
  await client.actions.youtube.updateVideo.mutate({ connectionId, input: { id: 'dQw4w9WgXcQ', snippet } });
  await client.actions.youtube.setThumbnail.mutate({
    connectionId,
    input: { videoId: 'dQw4w9WgXcQ', contentType: 'image/png', imageBase64: 'AAAA' },
  });
  const threads = await client.actions.youtube.listComments.mutate({ connectionId, input: { videoId: 'dQw4w9WgXcQ' } });
  await client.actions.youtube.replyToComment.mutate({
    connectionId,
    input: { parentId: threads.threads[0]?.comment.id ?? '', text: 'Thanks' },
  });
  // @ts-expect-error updateVideo replaces the whole snippet: categoryId is required
  await client.actions.youtube.updateVideo.mutate({ connectionId, input: { id: 'dQw4w9WgXcQ', snippet: { title: 'No category' } } });
}
