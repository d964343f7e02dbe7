import { defineConnector } from '@patchbay/sdk';
import { getVideos } from './actions/get-videos.ts';
import { listComments } from './actions/list-comments.ts';
import { listMyVideos } from './actions/list-my-videos.ts';
import { replyToComment } from './actions/reply-to-comment.ts';
import { setThumbnail } from './actions/set-thumbnail.ts';
import { updateVideo } from './actions/update-video.ts';
import { uploadVideo } from './actions/upload-video.ts';
import { youtubeAuth } from './youtube-auth.ts';
import { youtubeError } from './youtube-errors.ts';

/** YouTube Data API v3 (https://developers.google.com/youtube/v3/docs); uploads share the origin. */
export const youtube = defineConnector({
  id: 'youtube',
  name: 'YouTube',
  version: '0.1.0',
  description: "Upload videos, read the channel's videos and statistics, edit metadata and thumbnails, read and answer comments.",
  auth: youtubeAuth,
  baseUrls: ['https://www.googleapis.com'],
  actions: { uploadVideo, listMyVideos, getVideos, updateVideo, setThumbnail, listComments, replyToComment },
  mapError: youtubeError,
  healthCheck: async (ctx) => {
    // https://developers.google.com/youtube/v3/docs/channels/list: 1 quota unit.
    await ctx.http.get('/youtube/v3/channels', { query: { part: 'id', mine: 'true' } });
  },
});

export default youtube;
