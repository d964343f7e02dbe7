/** The root deployment gives clients typed X and Reddit actions: one compiled call per action, and wrong inputs refused. */
import { createPatchbayClient } from '@patchbay/client';
import type reddit from '@patchbay/connector-reddit';
import type x from '@patchbay/connector-x';
import type { inferActionInput, inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import type { AppRouter } from '../../../patchbay.config.ts';

const client = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
type CreatePost = typeof client.actions.x.createPost.mutate;
expectTypeOf<Parameters<CreatePost>[0]['input']>().toEqualTypeOf<inferActionInput<typeof x, 'createPost'>>();
expectTypeOf<Awaited<ReturnType<CreatePost>>>().toEqualTypeOf<inferActionOutput<typeof x, 'createPost'>>();

export async function xActions(connectionId: string) {
  const media = await client.actions.x.uploadMedia.mutate({ connectionId, input: { media: 'iVBORw0KGgo=', mediaType: 'image/png' } });
  expectTypeOf(media.mediaId).toEqualTypeOf<string>();
  const post = await client.actions.x.createPost.mutate({
    connectionId,
    input: { text: 'hello', replyTo: '1', quotePostId: '2', mediaIds: [media.mediaId], replySettings: 'following' },
  });
  await client.actions.x.createPost.mutate({ connectionId, input: { text: 'poll', poll: { options: ['a', 'b'], durationMinutes: 60 } } });
  const deleted = await client.actions.x.deletePost.mutate({ connectionId, input: { id: post.id } });
  expectTypeOf(deleted.deleted).toEqualTypeOf<boolean>();
  const me = await client.actions.x.getMe.mutate({ connectionId, input: {} });
  const page = await client.actions.x.listUserPosts.mutate({ connectionId, input: { userId: me.id, paginationToken: 'next' } });
  expectTypeOf(page.nextToken).toEqualTypeOf<string | null>();
  // @ts-expect-error a poll needs durationMinutes
  await client.actions.x.createPost.mutate({ connectionId, input: { text: 'poll', poll: { options: ['a', 'b'] } } });
}

export async function redditActions(connectionId: string) {
  const submitted = await client.actions.reddit.submitPost.mutate({
    connectionId,
    input: { subreddit: 'test', title: 'Hi', kind: 'self', text: 'body', flairId: 'f1' },
  });
  expectTypeOf(submitted.name).toEqualTypeOf<string>();
  await client.actions.reddit.comment.mutate({ connectionId, input: { parent: submitted.name, text: 'first' } });
  const me = await client.actions.reddit.getMe.mutate({ connectionId, input: {} });
  expectTypeOf(me.linkKarma).toEqualTypeOf<number>();
  const posts = await client.actions.reddit.listSubredditPosts.mutate({ connectionId, input: { subreddit: 'test', after: 't3_abc' } });
  expectTypeOf(posts.after).toEqualTypeOf<string | null>();
  await client.actions.reddit.listMySubreddits.mutate({ connectionId, input: { limit: 100 } });
  // @ts-expect-error kind is 'self' or 'link'
  await client.actions.reddit.submitPost.mutate({ connectionId, input: { subreddit: 'test', title: 'Hi', kind: 'image' } });
}

expectTypeOf<inferActionInput<typeof reddit, 'comment'>>().toEqualTypeOf<{ parent: string; text: string }>();
