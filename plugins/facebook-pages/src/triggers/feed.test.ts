import { feedWebhook, testWebhookTrigger } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { feed, signMetaWebhook } from './feed.ts';

const comment = {
  object: 'page',
  entry: [
    {
      id: '202',
      time: 1_764_000_000,
      changes: [
        {
          field: 'feed',
          value: {
            item: 'comment',
            verb: 'add',
            post_id: '202_9001',
            comment_id: '9001_77',
            parent_id: '202_9001',
            message: 'When do you open?',
            created_time: 1_764_000_000,
            from: { id: '555', name: 'Ada' },
          },
        },
      ],
    },
  ],
};

testWebhookTrigger('facebook-pages.feed', feed, { sign: signMetaWebhook, sample: comment });

describe('facebook-pages.feed', () => {
  const secret = 'meta-app-secret';
  const feedIt = (body: object, items?: string[]) =>
    feedWebhook(feed, { body, secret, sign: signMetaWebhook, ...(items ? { config: { items } } : {}) });

  it('turns each feed change into one event named by item and verb, with the Page as account and a content-based id', () => {
    const reaction = {
      field: 'feed',
      value: { item: 'reaction', verb: 'add', post_id: '202_9001', reaction_type: 'like', created_time: 1_764_000_100 },
    };
    const [first] = comment.entry;
    const body = { ...comment, entry: [{ ...first, changes: [...(first?.changes ?? []), reaction, { field: 'mention', value: {} }] }] };
    expect(feedIt(body)).toMatchObject({
      kind: 'events',
      events: [
        { id: '202:comment:add:9001_77:1764000000', type: 'feed.comment.add', accountId: '202' },
        {
          id: '202:reaction:add:202_9001:1764000100',
          type: 'feed.reaction.add',
          accountId: '202',
          payload: { change: { reaction_type: 'like' } },
        },
      ],
    });
  });

  it('keeps only the items the tenant chose, and ignores other objects', () => {
    expect(feedIt(comment, ['post'])).toEqual({ kind: 'events', events: [] });
    expect(feedIt(comment, ['comment'])).toMatchObject({ events: [{ type: 'feed.comment.add' }] });
    expect(feedIt({ object: 'instagram', entry: [] })).toEqual({ kind: 'events', events: [] });
  });

  it('declares the hub.challenge check and refuses a body signed with another secret', () => {
    expect(feed.hubChallenge).toBe(true);
    expect(feedWebhook(feed, { body: comment, secret, sign: (b) => signMetaWebhook(b, 'other') }).kind).toBe('refused');
  });
});
