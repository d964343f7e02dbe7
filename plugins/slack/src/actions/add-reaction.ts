import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

/** Reference: https://docs.slack.dev/reference/methods/reactions.add */
export const addReaction = defineAction({
  description: 'Add an emoji reaction to a message',
  scopes: ['reactions:write'],
  input: z.object({
    channel: z.string().min(1),
    timestamp: z.string().min(1).describe('Timestamp of the message'),
    name: z
      .string()
      .regex(/^[a-z0-9_+'-]+$/, 'an emoji name without colons, like thumbsup')
      .describe('Emoji name without colons'),
  }),
  output: z.object({ added: z.literal(true) }),
  run: async (input, ctx) => {
    await ctx.http.post('/reactions.add', { json: input, schema: z.object({ ok: z.literal(true) }) });
    return { added: true as const };
  },
});
