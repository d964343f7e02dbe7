/**
 * @module The Pages the user can act for, with their Page tokens
 * (https://developers.facebook.com/docs/graph-api/reference/user/accounts). Called with the
 * long-lived user token; each Page token is sealed with the connection and used for every action.
 */
import type { ActionContext, DiscoveredAccount } from '@patchbay/sdk';
import { z } from 'zod';
import { nextCursor, paging } from './graph.ts';

const accounts = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      access_token: z.string().optional(),
      category: z.string().optional(),
      tasks: z.array(z.string()).optional(),
    }),
  ),
  paging,
});

export async function listPages(ctx: Pick<ActionContext, 'http'>): Promise<DiscoveredAccount[]> {
  const found: DiscoveredAccount[] = [];
  let after: string | null = null;
  // 100 per page, at most 10 pages: a user with more than 1000 Pages picks through Business Manager.
  for (let page = 0; page < 10; page++) {
    const query: Record<string, string> = { fields: 'id,name,category,tasks,access_token', limit: '100' };
    if (after) query.after = after;
    const res = await ctx.http.get('/me/accounts', { query, schema: accounts });
    for (const p of res.data.data) {
      // A Page listed without a token is one this login cannot act for (no task granted).
      if (!p.access_token) continue;
      found.push({
        id: p.id,
        name: p.name,
        metadata: { category: p.category ?? null, tasks: p.tasks ?? [] },
        credentials: { accessToken: p.access_token },
      });
    }
    after = nextCursor(res.data.paging);
    if (!after) break;
  }
  return found;
}
