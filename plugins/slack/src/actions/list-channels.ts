import { ConnectorError, defineAction } from '@patchbay/sdk';
import { z } from 'zod';

/**
 * Each conversation type is read under its own scope. The connector requests only
 * `channels:read`; a tenant that wants the others adds them to its app's scopes
 * (`oauthApps.set`), and a type whose scope the connection does not hold is refused up front
 * instead of Slack silently leaving those conversations out.
 */
const SCOPE_OF = { public_channel: 'channels:read', private_channel: 'groups:read', mpim: 'mpim:read', im: 'im:read' } as const;

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
    types: z
      .array(z.enum(['public_channel', 'private_channel', 'mpim', 'im']))
      .default(['public_channel'])
      .describe('private_channel needs groups:read, mpim mpim:read, im im:read on the connection'),
    excludeArchived: z.boolean().default(true),
    limit: z.number().int().min(1).max(5_000).default(1_000),
  }),
  output: z.object({
    channels: z.array(
      z.object({ id: z.string(), name: z.string(), isPrivate: z.boolean(), isArchived: z.boolean(), memberCount: z.number().optional() }),
    ),
  }),
  run: async (input, ctx) => {
    const missing = input.types.filter((type) => type !== 'public_channel' && !ctx.connection.scopes.includes(SCOPE_OF[type]));
    if (missing.length > 0)
      throw new ConnectorError(
        'FORBIDDEN_SCOPE',
        `Listing ${missing.join(', ')} needs the ${missing.map((type) => SCOPE_OF[type]).join(', ')} scope, which this connection was not granted; add it to the Slack app's scopes and reconnect`,
        { path: 'types', providerCode: 'missing_scope' },
      );
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
