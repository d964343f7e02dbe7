import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

const user = z.object({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  created_at: z.string().optional(),
  description: z.string().optional(),
  profile_image_url: z.string().optional(),
  public_metrics: z.object({ followers_count: z.number(), following_count: z.number(), tweet_count: z.number() }).partial().optional(),
});

/** Reference: https://docs.x.com/x-api/users/get-my-user (GET /2/users/me). */
export const getMe = defineAction({
  description: 'The connected X account',
  scopes: ['tweet.read', 'users.read'],
  idempotent: true,
  input: z.object({}),
  output: z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    createdAt: z.string().nullable(),
    description: z.string().nullable(),
    profileImageUrl: z.string().nullable(),
    followers: z.number().nullable(),
    following: z.number().nullable(),
    posts: z.number().nullable(),
  }),
  run: async (_input, ctx) => {
    const res = await ctx.http.get('/2/users/me', {
      query: { 'user.fields': 'created_at,description,profile_image_url,public_metrics' },
      schema: z.object({ data: user }),
    });
    const u = res.data.data;
    return {
      id: u.id,
      name: u.name,
      username: u.username,
      createdAt: u.created_at ?? null,
      description: u.description ?? null,
      profileImageUrl: u.profile_image_url ?? null,
      followers: u.public_metrics?.followers_count ?? null,
      following: u.public_metrics?.following_count ?? null,
      posts: u.public_metrics?.tweet_count ?? null,
    };
  },
});
