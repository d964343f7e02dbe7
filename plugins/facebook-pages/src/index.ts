import { defineConnector } from '@patchbay/sdk';
import { commentOnPost } from './actions/comment-on-post.ts';
import { getInsights } from './actions/get-insights.ts';
import { hideComment } from './actions/hide-comment.ts';
import { listPosts } from './actions/list-posts.ts';
import { publishPhoto } from './actions/publish-photo.ts';
import { publishPost } from './actions/publish-post.ts';
import { publishVideo } from './actions/publish-video.ts';
import { subscribePageWebhooks } from './actions/subscribe-page-webhooks.ts';
import { facebookAuth } from './auth.ts';
import { listPages } from './discover.ts';
import { GRAPH_BASE } from './graph.ts';
import { metaError } from './meta-errors.ts';
import { feed } from './triggers/feed.ts';

/**
 * Facebook Pages through the Graph API (https://developers.facebook.com/docs/pages-api).
 * The user logs in, picks a Page (`discover` lists `/me/accounts`), and every action runs with
 * that Page's own token, sealed with the connection: posting with the user token would fail.
 */
export const facebookPages = defineConnector({
  id: 'facebook-pages',
  name: 'Facebook Pages',
  version: '0.1.0',
  description: 'Publish posts, photos and videos on a Facebook Page, list its posts, moderate comments and read insights.',
  auth: facebookAuth,
  baseUrls: [GRAPH_BASE],
  discover: (ctx) => listPages(ctx),
  actions: { publishPost, publishPhoto, publishVideo, listPosts, commentOnPost, hideComment, getInsights, subscribePageWebhooks },
  triggers: { feed },
  mapError: metaError,
  healthCheck: async (ctx) => {
    // https://developers.facebook.com/docs/graph-api/reference/page/ with the Page token once chosen.
    const page = ctx.connection.account?.id;
    await ctx.http.get(page ? `/${page}` : '/me', { query: { fields: 'id' } });
  },
});

export default facebookPages;
export { GRAPH_VERSION } from './graph.ts';
export { businessUseCaseWaitMs } from './meta-errors.ts';
export { signMetaWebhook } from './triggers/feed.ts';
