import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { instagram } from './index.ts';

const TOKEN = 'IGAAlong-lived-token-123';
const IG = '17841400000000001';
const BASE = 'https://graph.instagram.com/v25.0';
const finished = (id: string) => ({
  id,
  status_code: 'FINISHED',
  status: 'Finished: Media has been uploaded and it is ready to be published.',
});

testConnector(instagram, {
  credentials: { accessToken: TOKEN },
  connection: { metadata: { igUserId: IG, username: 'bikeshop' } },
  fixtures: {
    publishImage: {
      input: { imageUrl: 'https://cdn.example.com/a.jpg', caption: '#bikes', altText: 'A red bike' },
      setup: (h) => {
        h.on('POST', `/${IG}/media`).reply(200, { id: '1790001' });
        h.on('GET', '/1790001?fields=status_code%2Cstatus').reply(200, finished('1790001'));
        h.on('POST', `/${IG}/media_publish`).reply(200, { id: '1795555' });
      },
      check: (output, h) => {
        expect(output).toEqual({ id: '1795555', containerId: '1790001' });
        expect(h.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
          `POST ${BASE}/${IG}/media`,
          `GET ${BASE}/1790001?fields=status_code%2Cstatus`,
          `POST ${BASE}/${IG}/media_publish`,
        ]);
        expect(h.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({
          image_url: 'https://cdn.example.com/a.jpg',
          caption: '#bikes',
          alt_text: 'A red bike',
        });
        expect(h.requests[2]?.form().get('creation_id')).toBe('1790001');
      },
    },
    publishReel: {
      input: { videoUrl: 'https://cdn.example.com/r.mp4', caption: 'Ride', shareToFeed: false },
      setup: (h) => {
        h.on('POST', `/${IG}/media`).reply(200, { id: '1790002' });
        h.on('GET', '/1790002?fields=status_code%2Cstatus').reply(200, finished('1790002'));
        h.on('POST', `/${IG}/media_publish`).reply(200, { id: '1795556' });
      },
      check: (output, h) => {
        expect(output).toEqual({ id: '1795556', containerId: '1790002' });
        expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({
          media_type: 'REELS',
          video_url: 'https://cdn.example.com/r.mp4',
          share_to_feed: 'false',
          caption: 'Ride',
        });
      },
    },
    publishCarousel: {
      input: {
        items: [
          { type: 'image', url: 'https://cdn.example.com/1.jpg' },
          { type: 'video', url: 'https://cdn.example.com/2.mp4' },
        ],
        caption: 'Two',
      },
      setup: (h) => {
        h.on('POST', `/${IG}/media`).reply(200, { id: '101' }).reply(200, { id: '102' }).reply(200, { id: '103' });
        for (const id of ['101', '102', '103']) h.on('GET', `/${id}?fields=status_code%2Cstatus`).reply(200, finished(id));
        h.on('POST', `/${IG}/media_publish`).reply(200, { id: '1795557' });
      },
      check: (output, h) => {
        expect(output).toEqual({ id: '1795557', containerId: '103', childIds: ['101', '102'] });
        const creates = h.requests.filter((r) => r.url.endsWith('/media')).map((r) => Object.fromEntries(r.form()));
        expect(creates).toEqual([
          { image_url: 'https://cdn.example.com/1.jpg', is_carousel_item: 'true' },
          { media_type: 'VIDEO', video_url: 'https://cdn.example.com/2.mp4', is_carousel_item: 'true' },
          { media_type: 'CAROUSEL', children: '101,102', caption: 'Two' },
        ]);
      },
    },
    getPublishingLimit: {
      input: {},
      setup: (h) =>
        h
          .on('GET', `/${IG}/content_publishing_limit?fields=quota_usage%2Cconfig`)
          .reply(200, { data: [{ quota_usage: 3, config: { quota_total: 50, quota_duration: 86400 } }] }),
      check: (output) => expect(output).toEqual({ quotaUsage: 3, quotaTotal: 50, quotaDurationSeconds: 86400 }),
    },
    listMedia: {
      input: { limit: 1 },
      setup: (h) =>
        h
          .on(
            'GET',
            `/${IG}/media?fields=id%2Ccaption%2Cmedia_type%2Cmedia_url%2Cpermalink%2Ctimestamp%2Clike_count%2Ccomments_count&limit=1`,
          )
          .reply(200, {
            data: [
              {
                id: '1795555',
                caption: '#bikes',
                media_type: 'IMAGE',
                media_url: 'https://scontent.cdninstagram.com/a.jpg',
                permalink: 'https://www.instagram.com/p/abc/',
                timestamp: '2026-11-30T10:00:00+0000',
                like_count: 4,
                comments_count: 1,
              },
            ],
            paging: { cursors: { before: 'B', after: 'QVFH' }, next: `${BASE}/${IG}/media?after=QVFH` },
          }),
      check: (output) =>
        expect(output).toEqual({
          media: [
            {
              id: '1795555',
              caption: '#bikes',
              mediaType: 'IMAGE',
              mediaUrl: 'https://scontent.cdninstagram.com/a.jpg',
              permalink: 'https://www.instagram.com/p/abc/',
              timestamp: '2026-11-30T10:00:00+0000',
              likeCount: 4,
              commentsCount: 1,
            },
          ],
          after: 'QVFH',
        }),
    },
    replyToComment: {
      input: { commentId: '1780000000001', message: 'Thank you!' },
      setup: (h) => h.on('POST', '/1780000000001/replies').reply(200, { id: '1780000000002' }),
      check: (output, h) => {
        expect(output).toEqual({ id: '1780000000002' });
        expect(h.requests[0]?.form().get('message')).toBe('Thank you!');
      },
    },
    subscribeWebhooks: {
      input: { fields: ['comments', 'mentions'] },
      setup: (h) => h.on('POST', '/me/subscribed_apps').reply(200, { success: true }),
      check: (output, h) => {
        expect(output).toEqual({ success: true });
        expect(new URL(h.requests[0]?.url ?? '').searchParams.get('subscribed_fields')).toBe('comments,mentions');
      },
    },
  },
});
