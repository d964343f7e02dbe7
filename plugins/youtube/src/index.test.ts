import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { youtube } from './index.ts';

const TOKEN = 'ya29.a0AfB_byC-youtube-test-token';
const API = 'https://www.googleapis.com';
const VIDEO = 'dQw4w9WgXcQ';
const SESSION = `${API}/upload/youtube/v3/videos?uploadType=resumable&upload_id=ADPycdu-session`;
const snippet = { title: 'Launch day', description: 'What we shipped', tags: ['launch'], categoryId: '28' };

testConnector(youtube, {
  credentials: { accessToken: TOKEN },
  fixtures: {
    // First, so the conformance status probes (401/400/404/429/503) run against a plain GET.
    getVideos: {
      input: { ids: [VIDEO, 'aaaaaaaaaaa', VIDEO] },
      setup: (h) =>
        h.on('GET', `/youtube/v3/videos?part=snippet%2Cstatistics%2Cstatus&id=${VIDEO}%2Caaaaaaaaaaa&maxResults=50`).reply(200, {
          kind: 'youtube#videoListResponse',
          items: [
            {
              kind: 'youtube#video',
              id: VIDEO,
              snippet: {
                title: 'Never',
                description: 'd',
                channelId: 'UCuAXFkgsw1L7xaCfnd5JJOw',
                publishedAt: '2009-10-25T06:57:33Z',
                tags: ['a'],
                categoryId: '10',
              },
              status: { uploadStatus: 'processed', privacyStatus: 'public' },
              statistics: { viewCount: '1700000000', likeCount: '18000000', favoriteCount: '0', commentCount: '2400000' },
            },
          ],
        }),
      check: (output, h) => {
        expect(h.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(output).toEqual({
          videos: [
            {
              id: VIDEO,
              title: 'Never',
              description: 'd',
              channelId: 'UCuAXFkgsw1L7xaCfnd5JJOw',
              publishedAt: '2009-10-25T06:57:33Z',
              tags: ['a'],
              categoryId: '10',
              privacyStatus: 'public',
              viewCount: 1_700_000_000,
              likeCount: 18_000_000,
              commentCount: 2_400_000,
            },
          ],
          missing: ['aaaaaaaaaaa'],
        });
      },
    },
    uploadVideo: {
      input: {
        snippet,
        status: { privacyStatus: 'private', publishAt: '2026-12-24T10:00:00Z', selfDeclaredMadeForKids: false },
        contentType: 'video/mp4',
        videoBase64: Buffer.from('fake mp4 bytes').toString('base64'),
        notifySubscribers: false,
      },
      setup: (h) => {
        h.on('POST', '/upload/youtube/v3/videos?uploadType=resumable&part=snippet%2Cstatus&notifySubscribers=false').reply(200, '', {
          location: SESSION,
        });
        h.on('PUT', SESSION).reply(200, {
          kind: 'youtube#video',
          id: VIDEO,
          snippet: { title: 'Launch day' },
          status: { uploadStatus: 'uploaded', privacyStatus: 'private' },
        });
      },
      check: (output, h) => {
        expect(output).toEqual({ id: VIDEO, title: 'Launch day', privacyStatus: 'private', uploadStatus: 'uploaded' });
        const [open, put] = h.requests;
        expect(open?.headers['x-upload-content-type']).toBe('video/mp4');
        expect(open?.headers['x-upload-content-length']).toBe('14');
        expect(open?.headers['content-type']).toMatch(/^application\/json/);
        expect(open?.json()).toEqual({
          snippet,
          status: { privacyStatus: 'private', publishAt: '2026-12-24T10:00:00Z', selfDeclaredMadeForKids: false },
        });
        expect(put?.headers['content-range']).toBe('bytes 0-13/14');
        expect(put?.headers['content-type']).toBe('video/mp4');
      },
    },
    listMyVideos: {
      input: { maxResults: 2, pageToken: 'CAIQAA' },
      setup: (h) => {
        h.on('GET', '/youtube/v3/channels?part=contentDetails&mine=true').reply(200, {
          items: [
            { id: 'UC_x5XG1OV2P6uZZ5FSM9Ttw', contentDetails: { relatedPlaylists: { likes: '', uploads: 'UU_x5XG1OV2P6uZZ5FSM9Ttw' } } },
          ],
        });
        h.on(
          'GET',
          '/youtube/v3/playlistItems?part=snippet%2CcontentDetails&playlistId=UU_x5XG1OV2P6uZZ5FSM9Ttw&maxResults=2&pageToken=CAIQAA',
        ).reply(200, {
          nextPageToken: 'CAQQAA',
          pageInfo: { totalResults: 5, resultsPerPage: 2 },
          items: [
            {
              snippet: {
                title: 'One',
                description: '',
                publishedAt: '2026-11-01T00:00:00Z',
                thumbnails: { default: { url: 'https://i.ytimg.com/vi/a/default.jpg', width: 120, height: 90 } },
              },
              contentDetails: { videoId: 'aaaaaaaaaaa', videoPublishedAt: '2026-10-31T23:00:00Z' },
            },
            { snippet: { title: 'Two' }, contentDetails: { videoId: 'bbbbbbbbbbb' } },
          ],
        });
      },
      check: (output) =>
        expect(output).toEqual({
          videos: [
            {
              id: 'aaaaaaaaaaa',
              title: 'One',
              description: '',
              publishedAt: '2026-10-31T23:00:00Z',
              thumbnailUrl: 'https://i.ytimg.com/vi/a/default.jpg',
            },
            { id: 'bbbbbbbbbbb', title: 'Two', description: null, publishedAt: null, thumbnailUrl: null },
          ],
          nextPageToken: 'CAQQAA',
          totalResults: 5,
        }),
    },
    updateVideo: {
      input: { id: VIDEO, snippet },
      setup: (h) =>
        h
          .on('PUT', '/youtube/v3/videos?part=snippet')
          .reply(200, { id: VIDEO, snippet: { ...snippet }, status: { privacyStatus: 'public', uploadStatus: 'processed' } }),
      check: (output, h) => {
        // The whole snippet, categoryId included, and no status: the update leaves privacy alone.
        expect(h.requests[0]?.json()).toEqual({ id: VIDEO, snippet });
        expect(output).toEqual({ id: VIDEO, title: 'Launch day', privacyStatus: 'public', uploadStatus: 'processed' });
      },
    },
    setThumbnail: {
      input: { videoId: VIDEO, contentType: 'image/png', imageBase64: Buffer.from('fake png bytes').toString('base64') },
      setup: (h) =>
        h.on('POST', `/upload/youtube/v3/thumbnails/set?videoId=${VIDEO}&uploadType=media`).reply(200, {
          kind: 'youtube#thumbnailSetResponse',
          items: [{ default: { url: 'https://i.ytimg.com/vi/x/default.jpg', width: 120, height: 90 } }],
        }),
      check: (output, h) => {
        expect(h.requests[0]?.headers['content-type']).toBe('image/png');
        expect(h.requests[0]?.body).toBe('fake png bytes');
        expect(output).toEqual({ thumbnails: { default: { url: 'https://i.ytimg.com/vi/x/default.jpg', width: 120, height: 90 } } });
      },
    },
    listComments: {
      input: { videoId: VIDEO, maxResults: 10 },
      setup: (h) =>
        h
          .on('GET', `/youtube/v3/commentThreads?part=snippet%2Creplies&videoId=${VIDEO}&order=time&maxResults=10&textFormat=plainText`)
          .reply(200, {
            nextPageToken: 'QURTSl9p',
            items: [
              {
                id: 'UgzThread',
                snippet: {
                  canReply: true,
                  totalReplyCount: 1,
                  topLevelComment: {
                    id: 'UgzThread',
                    snippet: {
                      textOriginal: 'Great video',
                      authorDisplayName: '@ada',
                      authorChannelId: { value: 'UCada' },
                      likeCount: 3,
                      publishedAt: '2026-11-02T10:00:00Z',
                    },
                  },
                },
                replies: {
                  comments: [{ id: 'UgzThread.reply1', snippet: { textOriginal: 'Thanks!', parentId: 'UgzThread', likeCount: 0 } }],
                },
              },
            ],
          }),
      check: (output) =>
        expect(output).toEqual({
          threads: [
            {
              id: 'UgzThread',
              comment: {
                id: 'UgzThread',
                text: 'Great video',
                author: '@ada',
                authorChannelId: 'UCada',
                likeCount: 3,
                publishedAt: '2026-11-02T10:00:00Z',
              },
              totalReplyCount: 1,
              canReply: true,
              replies: [{ id: 'UgzThread.reply1', text: 'Thanks!', author: null, authorChannelId: null, likeCount: 0, publishedAt: null }],
            },
          ],
          nextPageToken: 'QURTSl9p',
        }),
    },
    replyToComment: {
      input: { parentId: 'UgzThread', text: 'Glad you liked it' },
      setup: (h) =>
        h.on('POST', '/youtube/v3/comments?part=snippet').reply(200, {
          id: 'UgzThread.reply2',
          snippet: {
            textOriginal: 'Glad you liked it',
            parentId: 'UgzThread',
            authorDisplayName: '@us',
            authorChannelId: { value: 'UCus' },
            likeCount: 0,
            publishedAt: '2026-12-02T03:00:00Z',
          },
        }),
      check: (output, h) => {
        expect(h.requests[0]?.json()).toEqual({ snippet: { parentId: 'UgzThread', textOriginal: 'Glad you liked it' } });
        expect(output).toEqual({
          id: 'UgzThread.reply2',
          text: 'Glad you liked it',
          author: '@us',
          authorChannelId: 'UCus',
          likeCount: 0,
          publishedAt: '2026-12-02T03:00:00Z',
          parentId: 'UgzThread',
        });
      },
    },
  },
});
