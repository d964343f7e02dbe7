/**
 * @module The Graph API version every request of this connector uses, pinned in one place.
 * Meta keeps a version for about two years (https://developers.facebook.com/docs/graph-api/changelog/versions);
 * moving to a new one is a deliberate change here, checked against its changelog.
 */
import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';

export const GRAPH_VERSION = 'v25.0';
export const GRAPH_ORIGIN = 'https://graph.facebook.com';
export const GRAPH_BASE = `${GRAPH_ORIGIN}/${GRAPH_VERSION}`;

/** Graph cursor paging (https://developers.facebook.com/docs/graph-api/results). */
export const paging = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
  })
  .optional();

/** The cursor of the next page, only when Graph says there is one (`paging.next`). */
export function nextCursor(page: z.infer<typeof paging>): string | null {
  return page?.next && page.cursors?.after ? page.cursors.after : null;
}

/** The chosen Page. The engine refuses actions before one is chosen; this guards direct SDK use. */
export function chosenPage(account: { id: string } | null | undefined): string {
  if (!account) throw new ConnectorError('INVALID_INPUT', 'No Page is chosen on this connection: choose one with connections.setAccount');
  return account.id;
}

/** Graph object ids are digits, or `<page>_<post>` for posts; anything else never reaches a URL path. */
export const graphId = z.string().regex(/^\d+(_\d+)?$/, 'a Graph object id (digits, or <page id>_<post id>)');

/** Media and links Meta fetches itself: http(s) only, never `file:` or `javascript:`. */
export const webUrl = z.url({ protocol: /^https?$/ });
