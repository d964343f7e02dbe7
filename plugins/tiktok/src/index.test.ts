import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { tiktok } from './index.ts';

const TOKEN = 'act.example12345Example12345Example';
const ok = (data: unknown) => ({ data, error: { code: 'ok', message: '', log_id: '202612020000000000000000000000000' } });

testConnector(tiktok, {
  credentials: { accessToken: TOKEN },
  fixtures: {
    getCreatorInfo: {
      input: {},
      setup: (h) =>
        h.on('POST', '/post/publish/creator_info/query/').reply(
          200,
          ok({
            creator_avatar_url: 'https://p16.tiktokcdn.com/a.jpeg',
            creator_username: 'tiktok',
            creator_nickname: 'TikTok Official',
            privacy_level_options: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY', 'SOME_FUTURE_LEVEL'],
            comment_disabled: false,
            duet_disabled: false,
            stitch_disabled: true,
            max_video_post_duration_sec: 300,
          }),
        ),
      check: (output, h) => {
        expect(output).toMatchObject({
          username: 'tiktok',
          privacyLevelOptions: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
          maxVideoPostDurationSec: 300,
        });
        expect(h.requests[0]?.url).toBe('https://open.tiktokapis.com/v2/post/publish/creator_info/query/');
        expect(h.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      },
    },
    postVideo: {
      input: {
        title: 'this will be a funny #cat video on your @tiktok #fyp',
        privacyLevel: 'SELF_ONLY',
        videoCoverTimestampMs: 1000,
        source: { source: 'PULL_FROM_URL', videoUrl: 'https://media.example.com/cat.mp4' },
      },
      setup: (h) => h.on('POST', '/post/publish/video/init/').reply(200, ok({ publish_id: 'v_pub_url~v2.123456789' })),
      check: (output, h) => {
        expect(output).toEqual({ publishId: 'v_pub_url~v2.123456789' });
        expect(h.requests[0]?.json()).toEqual({
          post_info: {
            title: 'this will be a funny #cat video on your @tiktok #fyp',
            privacy_level: 'SELF_ONLY',
            disable_comment: false,
            disable_duet: false,
            disable_stitch: false,
            video_cover_timestamp_ms: 1000,
            brand_content_toggle: false,
            brand_organic_toggle: false,
            is_aigc: false,
          },
          source_info: { source: 'PULL_FROM_URL', video_url: 'https://media.example.com/cat.mp4' },
        });
      },
    },
    uploadVideoDraft: {
      input: { source: { source: 'FILE_UPLOAD', video: Buffer.from('small video').toString('base64') } },
      setup: (h) => {
        h.on('POST', '/post/publish/inbox/video/init/').reply(
          200,
          ok({
            publish_id: 'v_inbox_file~v2.1',
            upload_url: 'https://open-upload.tiktokapis.com/video/?upload_id=67890&upload_token=Xza123',
          }),
        );
        h.on('PUT', 'https://open-upload.tiktokapis.com/video/?upload_id=67890&upload_token=Xza123').reply(201);
      },
      check: (output, h) => {
        expect(output).toEqual({ publishId: 'v_inbox_file~v2.1' });
        expect(h.requests[0]?.json()).toEqual({
          source_info: { source: 'FILE_UPLOAD', video_size: 11, chunk_size: 11, total_chunk_count: 1 },
        });
        expect(h.requests[1]?.headers['content-range']).toBe('bytes 0-10/11');
        expect(h.requests[1]?.headers['content-type']).toBe('video/mp4');
        expect(h.requests[1]?.body).toBe('small video');
      },
    },
    postPhotos: {
      input: {
        title: 'funny cat',
        description: 'this will be a #funny photo on your @tiktok #fyp',
        privacyLevel: 'PUBLIC_TO_EVERYONE',
        photoUrls: ['https://media.example.com/1.jpg', 'https://media.example.com/2.jpg'],
        coverIndex: 1,
      },
      setup: (h) => h.on('POST', '/post/publish/content/init/').reply(200, ok({ publish_id: 'p_pub_url~v2.123456789' })),
      check: (output, h) => {
        expect(output).toEqual({ publishId: 'p_pub_url~v2.123456789' });
        expect(h.requests[0]?.json()).toMatchObject({
          media_type: 'PHOTO',
          post_mode: 'DIRECT_POST',
          post_info: { title: 'funny cat', privacy_level: 'PUBLIC_TO_EVERYONE' },
          source_info: {
            source: 'PULL_FROM_URL',
            photo_images: ['https://media.example.com/1.jpg', 'https://media.example.com/2.jpg'],
            photo_cover_index: 1,
          },
        });
      },
    },
    getPublishStatus: {
      input: { publishId: 'v_pub_url~v2.123456789' },
      setup: (h) =>
        h
          .on('POST', '/post/publish/status/fetch/')
          .reply(200, ok({ status: 'PUBLISH_COMPLETE', publicaly_available_post_id: [7_300_000_000_000_000_000], uploaded_bytes: 10000 })),
      check: (output, h) => {
        expect(output).toMatchObject({ status: 'PUBLISH_COMPLETE', uploadedBytes: 10000 });
        expect(h.requests[0]?.json()).toEqual({ publish_id: 'v_pub_url~v2.123456789' });
      },
    },
    listVideos: {
      input: { maxCount: 2 },
      setup: (h) =>
        h.on('POST', '/video/list/?fields=id%2Ctitle%2Cvideo_description%2Cduration%2Ccover_image_url%2Cshare_url%2Ccreate_time').reply(
          200,
          ok({
            videos: [{ id: '7080213458555737986', title: 'cats', duration: 12, create_time: 1_700_000_000 }],
            cursor: 1_643_332_803_000,
            has_more: true,
          }),
        ),
      check: (output, h) => {
        expect(output).toEqual({
          videos: [{ id: '7080213458555737986', title: 'cats', durationSec: 12, createdAt: '2023-11-14T22:13:20.000Z' }],
          nextCursor: 1_643_332_803_000,
        });
        expect(h.requests[0]?.json()).toEqual({ max_count: 2 });
      },
    },
  },
});
