import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

/** Reference: https://docs.slack.dev/reference/methods/chat.update */
export const updateMessage = defineAction({
  description: "Replace a message's text (and blocks)",
  scopes: ['chat:write'],
  idempotent: true,
  input: z.object({
    channel: z.string().min(1),
    ts: z.string().min(1).describe('Timestamp of the message to update'),
    text: z.string().min(1).max(40_000),
    blocks: z.array(z.record(z.string(), z.unknown())).optional(),
  }),
  output: z.object({ channel: z.string(), ts: z.string(), text: z.string() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/chat.update', {
      json: { channel: input.channel, ts: input.ts, text: input.text, blocks: input.blocks },
      schema: z.object({ ok: z.literal(true), channel: z.string(), ts: z.string(), text: z.string() }),
    });
    return { channel: res.data.channel, ts: res.data.ts, text: res.data.text };
  },
});
