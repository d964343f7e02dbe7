import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { facebookPages } from './index.ts';

const USER_TOKEN = 'EAAGuser-long-lived-token';
const PAGE_TOKEN = 'EAAGpage-token-for-1234';
const G = 'https://graph.facebook.com/v25.0';

/** Every action runs as the chosen Page, with its Page token. */
testConnector(facebookPages, {
  credentials: { accessToken: USER_TOKEN, account: { accessToken: PAGE_TOKEN } },
  connection: { account: { id: '1234', name: 'Bike shop' } },
  fixtures: {
    publishPost: {
      input: { message: 'Open on Sunday', link: 'https://example.com/sunday' },
      setup: (h) => h.on('POST', '/1234/feed').reply(200, { id: '1234_555' }),
      check: (output, h) => {
        expect(output).toEqual({ id: '1234_555', scheduled: false });
        const req = h.requests[0];
        expect(req?.url).toBe(`${G}/1234/feed`);
        expect(req?.headers.authorization).toBe(`Bearer ${PAGE_TOKEN}`);
        expect(req?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
        expect(Object.fromEntries(req?.form() ?? [])).toEqual({ message: 'Open on Sunday', link: 'https://example.com/sunday' });
      },
    },
    publishPhoto: {
      input: { url: 'https://cdn.example.com/bike.jpg', caption: 'New bike' },
      setup: (h) => h.on('POST', '/1234/photos').reply(200, { id: '777', post_id: '1234_778' }),
      check: (output, h) => {
        expect(output).toEqual({ id: '777', postId: '1234_778' });
        expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({
          url: 'https://cdn.example.com/bike.jpg',
          caption: 'New bike',
          published: 'true',
        });
      },
    },
    publishVideo: {
      input: { fileUrl: 'https://cdn.example.com/ride.mp4', title: 'Ride', description: 'A ride' },
      setup: (h) => h.on('POST', '/1234/videos').reply(200, { id: '9001' }),
      check: (output, h) => {
        expect(output).toEqual({ id: '9001' });
        expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({
          file_url: 'https://cdn.example.com/ride.mp4',
          title: 'Ride',
          description: 'A ride',
          published: 'true',
        });
      },
    },
    listPosts: {
      input: { limit: 2, after: 'QVFIUk' },
      setup: (h) =>
        h.on('GET', '/1234/posts?fields=id%2Cmessage%2Ccreated_time%2Cpermalink_url&limit=2&after=QVFIUk').reply(200, {
          data: [
            {
              id: '1234_2',
              message: 'Two',
              created_time: '2026-11-30T10:00:00+0000',
              permalink_url: 'https://www.facebook.com/1234/posts/2',
            },
            { id: '1234_1', created_time: '2026-11-29T10:00:00+0000' },
          ],
          paging: { cursors: { before: 'QVFIUa', after: 'QVFIUz' }, next: `${G}/1234/posts?after=QVFIUz` },
        }),
      check: (output) =>
        expect(output).toEqual({
          posts: [
            {
              id: '1234_2',
              message: 'Two',
              createdTime: '2026-11-30T10:00:00+0000',
              permalinkUrl: 'https://www.facebook.com/1234/posts/2',
            },
            { id: '1234_1', message: null, createdTime: '2026-11-29T10:00:00+0000', permalinkUrl: null },
          ],
          after: 'QVFIUz',
        }),
    },
    commentOnPost: {
      input: { objectId: '1234_555', message: 'Thanks!' },
      setup: (h) => h.on('POST', '/1234_555/comments').reply(200, { id: '555_42' }),
      check: (output, h) => {
        expect(output).toEqual({ id: '555_42' });
        expect(h.requests[0]?.form().get('message')).toBe('Thanks!');
      },
    },
    hideComment: {
      input: { commentId: '555_42' },
      setup: (h) => h.on('POST', '/555_42').reply(200, { success: true }),
      check: (output, h) => {
        expect(output).toEqual({ success: true });
        expect(h.requests[0]?.form().get('is_hidden')).toBe('true');
      },
    },
    subscribePageWebhooks: {
      input: {},
      setup: (h) => h.on('POST', '/1234/subscribed_apps').reply(200, { success: true }),
      check: (output, h) => {
        expect(output).toEqual({ success: true });
        expect(h.requests[0]?.form().get('subscribed_fields')).toBe('feed');
        expect(h.requests[0]?.headers.authorization).toBe(`Bearer ${PAGE_TOKEN}`);
      },
    },
    getInsights: {
      input: { metrics: ['page_impressions_unique', 'page_post_engagements'], since: '2026-11-01', until: '2026-11-03' },
      setup: (h) =>
        h
          .on('GET', '/1234/insights?metric=page_impressions_unique%2Cpage_post_engagements&period=day&since=2026-11-01&until=2026-11-03')
          .reply(200, {
            data: [
              {
                name: 'page_impressions_unique',
                period: 'day',
                title: 'Daily Total Reach',
                values: [{ value: 12, end_time: '2026-11-02T08:00:00+0000' }],
                id: '1234/insights/page_impressions_unique/day',
              },
            ],
          }),
      check: (output) =>
        expect(output).toEqual({
          metrics: [
            {
              name: 'page_impressions_unique',
              period: 'day',
              title: 'Daily Total Reach',
              values: [{ value: 12, endTime: '2026-11-02T08:00:00+0000' }],
            },
          ],
        }),
    },
  },
});
