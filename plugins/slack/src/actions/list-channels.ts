import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';

const channel = z.object({
  id: z.string(),
  name: z.string(),
  is_private: z.boolean().optional(),
  is_archived: z.boolean().optional(),
  num_members: z.number().optional(),
});
const page = z.object({
  ok: z.literal(true),
  channels: z.array(channel),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** Reference: https://docs.slack.dev/reference/methods/conversations.list (cursor pagination) */
export const listChannels = defineAction({
  description: 'List channels, following cursors up to a limit',
  scopes: ['channels:read'],
  idempotent: true,
  input: z.object({
    types: z.array(z.enum(['public_channel', 'private_channel', 'mpim', 'im'])).default(['public_channel']),
    excludeArchived: z.boolean().default(true),
    limit: z.number().int().min(1).max(5_000).default(1_000),
  }),
  output: z.object({
    channels: z.array(
      z.object({ id: z.string(), name: z.string(), isPrivate: z.boolean(), isArchived: z.boolean(), memberCount: z.number().optional() }),
    ),
  }),
  run: async (input, ctx) => {
    const first = {
      path: '/conversations.list',
      query: { types: input.types.join(','), exclude_archived: input.excludeArchived, limit: Math.min(200, input.limit) },
      schema: page,
    };
    const channels = [];
    for await (const c of ctx.http.paginate(first, {
      items: (res) => res.data.channels,
      next: (res, req) =>
        res.data.response_metadata?.next_cursor
          ? { ...req, query: { ...req.query, cursor: res.data.response_metadata.next_cursor } }
          : undefined,
      maxPages: 50,
    })) {
      channels.push({
        id: c.id,
        name: c.name,
        isPrivate: c.is_private ?? false,
        isArchived: c.is_archived ?? false,
        memberCount: c.num_members,
      });
      if (channels.length >= input.limit) break;
    }
    return { channels };
  },
});
