import { defineConnector } from '@patchbay/sdk';
import { getCreatorInfo } from './actions/get-creator-info.ts';
import { getPublishStatus } from './actions/get-publish-status.ts';
import { listVideos } from './actions/list-videos.ts';
import { postPhotos } from './actions/post-photos.ts';
import { postVideo } from './actions/post-video.ts';
import { uploadVideoDraft } from './actions/upload-video-draft.ts';
import { tiktokAuth } from './auth.ts';
import { tiktokError } from './tiktok-errors.ts';

/**
 * TikTok Content Posting API (https://developers.tiktok.com/doc/content-posting-api-get-started)
 * on Login Kit OAuth v2. File uploads go to `upload_url` on open-upload.tiktokapis.com.
 */
export const tiktok = defineConnector({
  id: 'tiktok',
  name: 'TikTok',
  version: '0.1.0',
  description: 'Post videos and photos to a TikTok creator account, send drafts to their inbox, follow publishing and list their videos.',
  auth: tiktokAuth,
  baseUrls: ['https://open.tiktokapis.com/v2', 'https://open-upload.tiktokapis.com'],
  actions: { getCreatorInfo, postVideo, uploadVideoDraft, postPhotos, getPublishStatus, listVideos },
  mapError: tiktokError,
  healthCheck: async (ctx) => {
    // https://developers.tiktok.com/doc/tiktok-api-v2-get-user-info
    await ctx.http.get('/user/info/', { query: { fields: 'open_id' } });
  },
});

export default tiktok;
export { tiktokTokenResponse } from './auth.ts';
export { chunkPlan } from './video-source.ts';
