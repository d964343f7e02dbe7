import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

const user = z.object({
  id: z.string(),
  name: z.string(),
  real_name: z.string().optional(),
  tz: z.string().optional(),
  is_bot: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

/** Reference: https://docs.slack.dev/reference/methods/users.lookupByEmail */
export const lookupUserByEmail = defineAction({
  description: 'Find a workspace member by email address',
  scopes: ['users:read.email'],
  idempotent: true,
  input: z.object({ email: z.email() }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    realName: z.string().optional(),
    timeZone: z.string().optional(),
    deleted: z.boolean(),
  }),
  run: async (input, ctx) => {
    const res = await ctx.http.get('/users.lookupByEmail', {
      query: { email: input.email },
      schema: z.object({ ok: z.literal(true), user }),
    });
    const u = res.data.user;
    return { id: u.id, name: u.name, realName: u.real_name, timeZone: u.tz, deleted: u.deleted ?? false };
  },
});
