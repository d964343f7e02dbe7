import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { REDDIT_USER_AGENT, reddit } from './index.ts';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IlNIQTI1NjpzS3dsMnlsV0VtMjVmcXhwTU40cWY4MXE2OWFFdWFyMnpLMUdhVGxjdWNZIiwidHlwIjoiSldUIn0.fake';

const expectRedditHeaders = (headers: Record<string, string> | undefined) => {
  expect(headers?.authorization).toBe(`Bearer ${TOKEN}`);
  expect(headers?.['user-agent']).toBe(REDDIT_USER_AGENT);
};

const post = (id: string, extra: Record<string, unknown> = {}) => ({
  kind: 't3',
  data: {
    id,
    name: `t3_${id}`,
    title: 'What is your favourite editor?',
    author: 'spez',
    permalink: `/r/test/comments/${id}/what_is_your_favourite_editor/`,
    url: `https://www.reddit.com/r/test/comments/${id}/what_is_your_favourite_editor/`,
    is_self: true,
    selftext: 'Asking for a friend & co',
    score: 12,
    num_comments: 3,
    created_utc: 1_764_633_600,
    over_18: false,
    link_flair_text: 'Question',
    ...extra,
  },
});

testConnector(reddit, {
  credentials: { accessToken: TOKEN },
  fixtures: {
    submitPost: {
      input: {
        subreddit: 'test',
        title: 'Patchbay release notes',
        kind: 'link',
        url: 'https://example.com/notes',
        flairId: 'e6d0ba2e-8d41-11e6-a01c-0e5bd9b2f5b5',
      },
      setup: (h) =>
        h.on('POST', '/api/submit').reply(200, {
          json: {
            errors: [],
            data: {
              url: 'https://www.reddit.com/r/test/comments/1h4abcd/patchbay_release_notes/',
              drafts_count: 0,
              id: '1h4abcd',
              name: 't3_1h4abcd',
            },
          },
        }),
      check: (output, h) => {
        expect(output).toEqual({
          id: '1h4abcd',
          name: 't3_1h4abcd',
          url: 'https://www.reddit.com/r/test/comments/1h4abcd/patchbay_release_notes/',
        });
        const req = h.requests[0];
        expect(req?.url).toBe('https://oauth.reddit.com/api/submit');
        expectRedditHeaders(req?.headers);
        expect(req?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
        expect(Object.fromEntries(req?.form() ?? [])).toEqual({
          api_type: 'json',
          sr: 'test',
          kind: 'link',
          title: 'Patchbay release notes',
          url: 'https://example.com/notes',
          resubmit: 'true',
          nsfw: 'false',
          spoiler: 'false',
          sendreplies: 'true',
          flair_id: 'e6d0ba2e-8d41-11e6-a01c-0e5bd9b2f5b5',
        });
      },
    },
    comment: {
      input: { parent: 't3_1h4abcd', text: 'Thanks for sharing!' },
      setup: (h) =>
        h.on('POST', '/api/comment').reply(200, {
          json: {
            errors: [],
            data: {
              things: [
                {
                  kind: 't1',
                  data: {
                    id: 'm0xyz12',
                    name: 't1_m0xyz12',
                    permalink: '/r/test/comments/1h4abcd/patchbay_release_notes/m0xyz12/',
                    body: 'Thanks for sharing!',
                  },
                },
              ],
            },
          },
        }),
      check: (output, h) => {
        expect(output).toEqual({
          id: 'm0xyz12',
          name: 't1_m0xyz12',
          permalink: 'https://www.reddit.com/r/test/comments/1h4abcd/patchbay_release_notes/m0xyz12/',
        });
        expectRedditHeaders(h.requests[0]?.headers);
        expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({
          api_type: 'json',
          thing_id: 't3_1h4abcd',
          text: 'Thanks for sharing!',
        });
      },
    },
    getMe: {
      input: {},
      setup: (h) =>
        h
          .on('GET', '/api/v1/me?raw_json=1')
          .reply(200, { id: '1w72', name: 'spez', created_utc: 1_118_030_400, link_karma: 100, comment_karma: 200, is_gold: false }),
      check: (output, h) => {
        expect(output).toEqual({ id: '1w72', name: 'spez', createdAt: '2005-06-06T04:00:00.000Z', linkKarma: 100, commentKarma: 200 });
        expectRedditHeaders(h.requests[0]?.headers);
      },
    },
    listSubredditPosts: {
      input: { subreddit: 'test', limit: 2, after: 't3_1h3zzzz' },
      setup: (h) =>
        h.on('GET', '/r/test/new?limit=2&after=t3_1h3zzzz&raw_json=1').reply(200, {
          kind: 'Listing',
          data: {
            after: 't3_1h4aaaa',
            before: null,
            dist: 2,
            children: [
              post('1h4abcd'),
              post('1h4aaaa', { is_self: false, url: 'https://example.com/x', selftext: '', link_flair_text: null }),
            ],
          },
        }),
      check: (output, h) => {
        const out = output as { posts: Record<string, unknown>[]; after: string | null };
        expect(out.after).toBe('t3_1h4aaaa');
        expect(out.posts[0]).toEqual({
          id: '1h4abcd',
          name: 't3_1h4abcd',
          title: 'What is your favourite editor?',
          author: 'spez',
          permalink: 'https://www.reddit.com/r/test/comments/1h4abcd/what_is_your_favourite_editor/',
          url: null,
          isSelf: true,
          text: 'Asking for a friend & co',
          score: 12,
          comments: 3,
          flair: 'Question',
          nsfw: false,
          createdAt: '2025-12-02T00:00:00.000Z',
        });
        expect(out.posts[1]).toMatchObject({ isSelf: false, url: 'https://example.com/x', text: null, flair: null });
        expectRedditHeaders(h.requests[0]?.headers);
      },
    },
    listMySubreddits: {
      input: { limit: 1 },
      setup: (h) =>
        h.on('GET', '/subreddits/mine/subscriber?limit=1&raw_json=1').reply(200, {
          kind: 'Listing',
          data: {
            after: 't5_2qh1i',
            before: null,
            children: [
              {
                kind: 't5',
                data: {
                  id: '2qh1i',
                  name: 't5_2qh1i',
                  display_name: 'AskReddit',
                  title: 'Ask Reddit...',
                  subscribers: 50_000_000,
                  over18: false,
                  url: '/r/AskReddit/',
                },
              },
            ],
          },
        }),
      check: (output, h) => {
        expect(output).toEqual({
          subreddits: [
            {
              id: '2qh1i',
              name: 't5_2qh1i',
              displayName: 'AskReddit',
              title: 'Ask Reddit...',
              subscribers: 50_000_000,
              nsfw: false,
              url: 'https://www.reddit.com/r/AskReddit/',
            },
          ],
          after: 't5_2qh1i',
        });
        expectRedditHeaders(h.requests[0]?.headers);
      },
    },
  },
});
