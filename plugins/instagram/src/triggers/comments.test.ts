import { hmacSha256 } from '@patchbay/sdk';
import { feedWebhook, testWebhookTrigger } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { comments } from './comments.ts';

const sign = (body: string, secret: string) => ({ 'x-hub-signature-256': `sha256=${hmacSha256(secret, [body])}` });

// The shape of Meta's "Comments payload" example for Business Login for Instagram.
const comment = {
  object: 'instagram',
  entry: [
    {
      id: '17841405822304914',
      time: 1_764_000_000,
      changes: [
        {
          field: 'comments',
          value: {
            from: { id: '232323232', username: 'ada' },
            media: { id: '123123123', media_product_type: 'FEED' },
            id: '17865799348089039',
            text: 'When is the next drop?',
          },
        },
      ],
    },
  ],
};

testWebhookTrigger('instagram.comments', comments, { sign, sample: comment });

describe('instagram.comments', () => {
  const secret = 'meta-app-secret';
  const feed = (body: object, fields?: string[]) =>
    feedWebhook(comments, { body, secret, sign, ...(fields ? { config: { fields } } : {}) });

  it('turns a comment into one event named by its field, with the account and the comment id as identity', () => {
    expect(feed(comment)).toMatchObject({
      kind: 'events',
      events: [
        {
          id: '17841405822304914:comments:17865799348089039',
          type: 'comments',
          accountId: '17841405822304914',
          payload: { field: 'comments', change: { text: 'When is the next drop?', from: { username: 'ada' } } },
        },
      ],
    });
  });

  it('keeps mentions by their comment or media id, and only the fields the tenant chose', () => {
    const [first] = comment.entry;
    const mention = { field: 'mentions', value: { media_id: '999', comment_id: '888' } };
    const body = { ...comment, entry: [{ ...first, changes: [...(first?.changes ?? []), mention] }] };
    expect(feed(body)).toMatchObject({ events: [{ type: 'comments' }, { id: '17841405822304914:mentions:888', type: 'mentions' }] });
    expect(feed(body, ['mentions'])).toMatchObject({ events: [{ type: 'mentions' }] });
  });

  it('ignores other objects and fields it does not know', () => {
    expect(feed({ ...comment, object: 'page' })).toEqual({ kind: 'events', events: [] });
    const [first] = comment.entry;
    expect(feed({ ...comment, entry: [{ ...first, changes: [{ field: 'story_insights', value: {} }] }] })).toEqual({
      kind: 'events',
      events: [],
    });
  });

  it('refuses a body signed with another secret', () => {
    const body = JSON.stringify(comment);
    expect(feedWebhook(comments, { body: comment, secret, sign: () => sign(body, 'not-the-app-secret') })).toMatchObject({
      kind: 'refused',
    });
  });
});
