/**
 * @module The Instagram Graph host and version, pinned in one place
 * (https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login),
 * and the Instagram account a connection acts for.
 */
import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';

export const IG_GRAPH_VERSION = 'v25.0';
export const IG_GRAPH_ORIGIN = 'https://graph.instagram.com';
export const IG_GRAPH_BASE = `${IG_GRAPH_ORIGIN}/${IG_GRAPH_VERSION}`;

/** Graph cursor paging (https://developers.facebook.com/docs/graph-api/results). */
export const paging = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
  })
  .optional();

export function nextCursor(page: z.infer<typeof paging>): string | null {
  return page?.next && page.cursors?.after ? page.cursors.after : null;
}

/** Graph object ids are digits; anything else never reaches a URL path. */
export const igId = z.string().regex(/^\d+$/, 'an Instagram object id (digits)');

/** The professional account's id, read at connect time (`/me?fields=user_id`). */
export function igUserOf(metadata: Readonly<Record<string, unknown>>): string {
  const id = metadata.igUserId;
  if (typeof id === 'string' && /^\d+$/.test(id)) return id;
  // Only a connection made before the id was recorded lacks it; a new login records it.
  throw new ConnectorError('AUTH_INVALID', 'This connection has no Instagram account id: connect it again');
}

/** Media and links Meta fetches itself: http(s) only, never `file:` or `javascript:`. */
export const webUrl = z.url({ protocol: /^https?$/ });
