import { defineConnector } from '@patchbay/sdk';
import { z } from 'zod';
import { createPost } from './actions/create-post.ts';
import { deletePost } from './actions/delete-post.ts';
import { getMe } from './actions/get-me.ts';
import { listUserPosts } from './actions/list-user-posts.ts';
import { uploadMedia } from './actions/upload-media.ts';
import { xAuth } from './x-auth.ts';
import { xError } from './x-errors.ts';

/**
 * X (Twitter API v2, https://docs.x.com/x-api/introduction) acting as the connected user:
 * OAuth 2.0 with PKCE (see x-auth.ts), every call on api.x.com with the major version in the
 * path. Access is pay-per-use: a Project app with OAuth 2.0 turned on, and prepaid credits.
 */
export const x = defineConnector({
  id: 'x',
  name: 'X',
  version: '0.1.0',
  description: 'Post, reply, quote, run polls, upload media, delete posts and read timelines on X as the connected user.',
  auth: xAuth,
  baseUrls: ['https://api.x.com'],
  actions: { createPost, deletePost, uploadMedia, getMe, listUserPosts },
  mapError: xError,
  healthCheck: async (ctx) => {
    // https://docs.x.com/x-api/users/get-my-user
    await ctx.http.get('/2/users/me', { schema: z.object({ data: z.object({ id: z.string() }) }) });
  },
});

export default x;
export { classifyXTokenError } from './x-auth.ts';
