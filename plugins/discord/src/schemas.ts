import { z } from 'zod';

/** Discord's REST API version; every path starts with it (https://discord.com/developers/docs/reference#api-versioning). */
export const API = '/api/v10';

/**
 * Sent on every request. Discord asks bots for a `DiscordBot (url, version)` user agent
 * (https://discord.com/developers/docs/reference#user-agent).
 */
export const DISCORD_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'user-agent': 'DiscordBot (https://github.com/patchbay, 0.1.0)',
});

/** A Discord id: a 64-bit snowflake written as a decimal string. */
export const snowflake = (what: string) =>
  z
    .string()
    .regex(/^\d{17,20}$/, `a Discord ${what} id (a snowflake)`)
    .describe(`The ${what} id`);

/** An embed object as Discord documents it (title, description, fields, ...), passed through as given. */
export const embeds = z
  .array(z.record(z.string(), z.unknown()))
  .max(10)
  .optional()
  .describe('Up to 10 rich embeds (https://discord.com/developers/docs/resources/message#embed-object)');

const ids = (what: string) => z.array(snowflake(what)).max(100).optional();

/**
 * Who a message may ping (https://discord.com/developers/docs/resources/message#allowed-mentions-object).
 * Discord parses every mention in the content when this is absent, so automated text containing
 * `@everyone` or a role would ping them all: it defaults to no pings, and each kind is opt-in.
 */
export const allowedMentions = z
  .object({
    parse: z.array(z.enum(['users', 'roles', 'everyone'])).default([]),
    users: ids('user'),
    roles: ids('role'),
    repliedUser: z.boolean().optional(),
  })
  .refine((m) => !(m.parse.includes('users') && m.users), { path: ['users'], message: 'either parse users or list them, not both' })
  .refine((m) => !(m.parse.includes('roles') && m.roles), { path: ['roles'], message: 'either parse roles or list them, not both' })
  .default({ parse: [] })
  .describe('Who may be pinged; by default nobody, not even @everyone written in the content');

export function toAllowedMentions(m: z.output<typeof allowedMentions>) {
  return { parse: m.parse, users: m.users, roles: m.roles, replied_user: m.repliedUser };
}

export const message = z.object({
  id: z.string(),
  channel_id: z.string(),
  author: z.object({ id: z.string(), username: z.string().optional() }).optional(),
  content: z.string(),
  timestamp: z.string(),
  edited_timestamp: z.string().nullable().optional(),
  tts: z.boolean().optional(),
  embeds: z.array(z.unknown()).optional(),
});

export const messageOutput = z.object({
  id: z.string(),
  channelId: z.string(),
  authorId: z.string().optional(),
  content: z.string(),
  timestamp: z.string(),
  editedTimestamp: z.string().nullable(),
  embedCount: z.number(),
});

export function toMessage(m: z.infer<typeof message>): z.infer<typeof messageOutput> {
  return {
    id: m.id,
    channelId: m.channel_id,
    authorId: m.author?.id,
    content: m.content,
    timestamp: m.timestamp,
    editedTimestamp: m.edited_timestamp ?? null,
    embedCount: m.embeds?.length ?? 0,
  };
}

/**
 * A message nonce from the caller's idempotency key. With `enforce_nonce`, Discord returns the
 * message already created with the same nonce in the last few minutes instead of posting twice.
 * Nonces are at most 25 characters, so a longer key is hashed (64-bit FNV-1a, base 36).
 */
export function nonceFor(key: string): string {
  if (key.length <= 25) return key;
  let hash = 0xcbf29ce484222325n;
  for (const ch of key) {
    hash ^= BigInt(ch.codePointAt(0) ?? 0);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `pb-${hash.toString(36)}`;
}
