/**
 * @module Media containers (https://developers.facebook.com/docs/instagram-platform/content-publishing):
 * create one, wait until Meta has fetched and processed the media (`status_code` FINISHED;
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container),
 * then publish it with `media_publish`. Containers expire after 24 hours.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';
import { type ActionContext, ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';

const created = z.object({ id: z.string() });
const status = z.object({ id: z.string().optional(), status_code: z.string(), status: z.string().optional() });

export interface PollOptions {
  /** Between checks (Meta suggests no more than once a minute for long videos; images finish at once). */
  intervalMs: number;
  maxChecks: number;
}

export const IMAGE_POLL: PollOptions = { intervalMs: 2_000, maxChecks: 15 };
export const VIDEO_POLL: PollOptions = { intervalMs: 5_000, maxChecks: 110 };

type Http = Pick<ActionContext, 'http' | 'signal'>;

export async function createContainer(ctx: Http, igUser: string, form: Record<string, string>): Promise<string> {
  return (await ctx.http.post(`/${igUser}/media`, { form, schema: created })).data.id;
}

/** Checks until FINISHED; ERROR and EXPIRED fail with Meta's reason, too long a wait with TIMEOUT. */
export async function awaitFinished(ctx: Http, containerId: string, poll: PollOptions): Promise<void> {
  for (let check = 0; check < poll.maxChecks; check++) {
    if (check > 0) await sleepFor(poll.intervalMs, undefined, { signal: ctx.signal });
    const res = await ctx.http.get(`/${containerId}`, { query: { fields: 'status_code,status' }, schema: status });
    const code = res.data.status_code;
    if (code === 'FINISHED' || code === 'PUBLISHED') return;
    if (code === 'ERROR' || code === 'EXPIRED') {
      // `status` carries Meta's reason (e.g. "Error: Media format not supported"): the media is at fault.
      throw new ConnectorError('INVALID_INPUT', `Instagram could not process the media: ${res.data.status ?? code}`, {
        providerCode: code,
      });
    }
  }
  throw new ConnectorError('TIMEOUT', `Instagram was still processing container ${containerId} after ${poll.maxChecks} checks`);
}

export async function publishContainer(ctx: Http, igUser: string, containerId: string): Promise<string> {
  // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media_publish
  return (await ctx.http.post(`/${igUser}/media_publish`, { form: { creation_id: containerId }, schema: created })).data.id;
}
