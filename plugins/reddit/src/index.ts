import { defineConnector } from '@patchbay/sdk';
import { comment } from './actions/comment.ts';
import { getMe } from './actions/get-me.ts';
import { listMySubreddits } from './actions/list-my-subreddits.ts';
import { listSubredditPosts } from './actions/list-subreddit-posts.ts';
import { submitPost } from './actions/submit-post.ts';
import { redditAuth } from './reddit-auth.ts';
import { redditError } from './reddit-errors.ts';

/**
 * Reddit (https://www.reddit.com/dev/api/) as the connected user: OAuth in reddit-auth.ts, every
 * API call on oauth.reddit.com with a descriptive User-Agent. New OAuth clients need Reddit's
 * approval under its Responsible Builder Policy; the free tier allows 100 queries a minute per client.
 */
export const reddit = defineConnector({
  id: 'reddit',
  name: 'Reddit',
  version: '0.1.0',
  description: 'Submit posts, comment, and read subreddit posts and subscriptions on Reddit as the connected user.',
  auth: redditAuth,
  baseUrls: ['https://oauth.reddit.com'],
  actions: { submitPost, comment, getMe, listSubredditPosts, listMySubreddits },
  mapError: redditError,
  healthCheck: async (ctx) => {
    // https://www.reddit.com/dev/api/#GET_api_v1_me
    await ctx.http.get('/api/v1/me');
  },
});

export default reddit;
export { REDDIT_USER_AGENT } from './reddit-auth.ts';
