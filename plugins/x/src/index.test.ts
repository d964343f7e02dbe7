import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { x } from './index.ts';

const TOKEN = 'bWRWa3gzdnk3WHRGU1o0bmRRcTJ5VUxWX1lZTDdJSUtmWWcxM0dxTUhBNUU3OjE2MjIxNDc3NDM5MTQ6MToxOmF0OjE';

testConnector(x, {
  credentials: { accessToken: TOKEN },
  fixtures: {
    createPost: {
      input: {
        text: 'Are you excited for the weekend?',
        replyTo: '1346889436626259968',
        poll: { options: ['yes', 'maybe'], durationMinutes: 120 },
      },
      setup: (h) => h.on('POST', '/2/tweets').reply(201, { data: { id: '1445880548472328192', text: 'Are you excited for the weekend?' } }),
      check: (output, h) => {
        expect(output).toEqual({ id: '1445880548472328192', text: 'Are you excited for the weekend?' });
        const req = h.requests[0];
        expect(req?.url).toBe('https://api.x.com/2/tweets');
        expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(req?.headers['content-type']).toBe('application/json');
        expect(req?.json()).toEqual({
          text: 'Are you excited for the weekend?',
          reply: { in_reply_to_tweet_id: '1346889436626259968' },
          poll: { options: ['yes', 'maybe'], duration_minutes: 120 },
        });
      },
    },
    deletePost: {
      input: { id: '1445880548472328192' },
      setup: (h) => h.on('DELETE', '/2/tweets/1445880548472328192').reply(200, { data: { deleted: true } }),
      check: (output, h) => {
        expect(output).toEqual({ deleted: true });
        expect(h.requests[0]?.method).toBe('DELETE');
      },
    },
    uploadMedia: {
      input: { media: Buffer.from('\x89PNG fake image bytes').toString('base64'), mediaType: 'image/png' },
      setup: (h) =>
        h.on('POST', '/2/media/upload').reply(200, {
          data: {
            id: '1880028106020515840',
            media_key: '3_1880028106020515840',
            size: 21,
            expires_after_secs: 86400,
            image: { image_type: 'image/png', w: 1, h: 1 },
          },
        }),
      check: (output, h) => {
        expect(output).toEqual({ mediaId: '1880028106020515840', mediaKey: '3_1880028106020515840', expiresAfterSecs: 86400 });
        const req = h.requests[0];
        expect(req?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
        expect(req?.body).toContain('name="media_category"\r\n\r\ntweet_image');
        expect(req?.body).toContain('name="media_type"\r\n\r\nimage/png');
        expect(req?.body).toContain('PNG fake image bytes');
      },
    },
    getMe: {
      input: {},
      setup: (h) =>
        h.on('GET', '/2/users/me?user.fields=created_at%2Cdescription%2Cprofile_image_url%2Cpublic_metrics').reply(200, {
          data: {
            id: '2244994945',
            name: 'X Dev',
            username: 'XDevelopers',
            created_at: '2013-12-14T04:35:55.000Z',
            description: 'The voice of the X Dev team',
            public_metrics: { followers_count: 570_000, following_count: 2000, tweet_count: 14_000, listed_count: 1_600 },
          },
        }),
      check: (output) => {
        expect(output).toEqual({
          id: '2244994945',
          name: 'X Dev',
          username: 'XDevelopers',
          createdAt: '2013-12-14T04:35:55.000Z',
          description: 'The voice of the X Dev team',
          profileImageUrl: null,
          followers: 570_000,
          following: 2000,
          posts: 14_000,
        });
      },
    },
    listUserPosts: {
      input: {
        userId: '2244994945',
        maxResults: 5,
        paginationToken: '7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i',
        exclude: ['replies'],
      },
      setup: (h) =>
        h
          .on(
            'GET',
            '/2/users/2244994945/tweets?max_results=5&pagination_token=7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5i&exclude=replies&tweet.fields=created_at%2Cauthor_id%2Cpublic_metrics',
          )
          .reply(200, {
            data: [
              {
                id: '1338971066773905408',
                text: 'Hello',
                created_at: '2020-12-15T22:00:00.000Z',
                author_id: '2244994945',
                public_metrics: { retweet_count: 2, reply_count: 1, like_count: 10, quote_count: 0 },
              },
              { id: '1338923691497959425', text: 'World', author_id: '2244994945' },
            ],
            meta: { result_count: 2, next_token: '7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5j' },
          }),
      check: (output) => {
        expect(output).toEqual({
          posts: [
            {
              id: '1338971066773905408',
              text: 'Hello',
              createdAt: '2020-12-15T22:00:00.000Z',
              authorId: '2244994945',
              likes: 10,
              reposts: 2,
              replies: 1,
            },
            {
              id: '1338923691497959425',
              text: 'World',
              createdAt: null,
              authorId: '2244994945',
              likes: null,
              reposts: null,
              replies: null,
            },
          ],
          nextToken: '7140dibdnow9c7btw3w29grvxfcgvpb9n9coehpk7xz5j',
        });
      },
    },
  },
});
