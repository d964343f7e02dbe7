import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import { isoFromUtc } from '../schemas.ts';

/** Reference: https://www.reddit.com/dev/api/#GET_api_v1_me */
export const getMe = defineAction({
  description: 'The connected Reddit account',
  scopes: ['identity'],
  idempotent: true,
  input: z.object({}),
  output: z.object({ id: z.string(), name: z.string(), createdAt: z.string(), linkKarma: z.number(), commentKarma: z.number() }),
  run: async (_input, ctx) => {
    const res = await ctx.http.get('/api/v1/me', {
      query: { raw_json: 1 },
      schema: z.object({ id: z.string(), name: z.string(), created_utc: z.number(), link_karma: z.number(), comment_karma: z.number() }),
    });
    const me = res.data;
    return { id: me.id, name: me.name, createdAt: isoFromUtc(me.created_utc), linkKarma: me.link_karma, commentKarma: me.comment_karma };
  },
});
