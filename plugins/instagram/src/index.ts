import { defineConnector } from '@patchbay/sdk';
import { getPublishingLimit } from './actions/get-publishing-limit.ts';
import { listMedia } from './actions/list-media.ts';
import { publishCarousel } from './actions/publish-carousel.ts';
import { publishImage } from './actions/publish-image.ts';
import { publishReel } from './actions/publish-reel.ts';
import { replyToComment } from './actions/reply-to-comment.ts';
import { subscribeWebhooks } from './actions/subscribe-webhooks.ts';
import { instagramAuth } from './auth.ts';
import { IG_GRAPH_BASE } from './graph.ts';
import { metaError } from './meta-errors.ts';
import { comments } from './triggers/comments.ts';

/**
 * Instagram professional accounts through the Instagram API with Instagram Login (host
 * graph.instagram.com; no Facebook Page needed). Media is published from public URLs through
 * containers; tokens last 60 days and are renewed by the refresh cron before they die.
 */
export const instagram = defineConnector({
  id: 'instagram',
  name: 'Instagram',
  version: '0.1.0',
  description: 'Publish images, reels and carousels on an Instagram professional account, list its media, reply to comments.',
  auth: instagramAuth,
  baseUrls: [IG_GRAPH_BASE],
  actions: { publishImage, publishReel, publishCarousel, getPublishingLimit, listMedia, replyToComment, subscribeWebhooks },
  triggers: { comments },
  mapError: metaError,
  healthCheck: async (ctx) => {
    // https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/get-started
    await ctx.http.get('/me', { query: { fields: 'user_id,username' } });
  },
});

export default instagram;
export { IG_GRAPH_VERSION } from './graph.ts';
