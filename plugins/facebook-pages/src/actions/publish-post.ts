import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { chosenPage, webUrl } from '../graph.ts';
import { definePagesAction } from './define.ts';

/** Meta refuses a schedule less than 10 minutes ahead; caught here so no request is spent on it. */
const MIN_SCHEDULE_AHEAD_MS = 10 * 60_000;

/**
 * Reference: https://developers.facebook.com/docs/graph-api/reference/page/feed/#publish
 * and https://developers.facebook.com/docs/pages-api/posts (scheduling: `published=false` with
 * `scheduled_publish_time`; the upper bound of the window is Meta's to enforce, error 100).
 */
export const publishPost = definePagesAction({
  description: 'Publish a post (text and/or link) on the chosen Page, now or at a scheduled time',
  scopes: ['pages_manage_posts'],
  input: z
    .object({
      message: z.string().min(1).max(63206).optional(),
      link: webUrl.optional(),
      scheduledPublishTime: z.iso
        .datetime({ offset: true })
        .optional()
        .describe('ISO 8601 time to publish at (at least 10 minutes ahead); the post stays unpublished until then'),
    })
    .refine((v) => v.message !== undefined || v.link !== undefined, { message: 'message or link is required', path: ['message'] }),
  output: z.object({ id: z.string(), scheduled: z.boolean() }),
  run: async (input, ctx) => {
    const page = chosenPage(ctx.connection.account);
    const form: Record<string, string> = {};
    if (input.message !== undefined) form.message = input.message;
    if (input.link !== undefined) form.link = input.link;
    if (input.scheduledPublishTime !== undefined) {
      const at = Date.parse(input.scheduledPublishTime);
      if (at - Date.now() < MIN_SCHEDULE_AHEAD_MS) {
        throw new ConnectorError('INVALID_INPUT', 'scheduledPublishTime must be at least 10 minutes ahead', {
          path: 'scheduledPublishTime',
        });
      }
      form.published = 'false';
      form.scheduled_publish_time = String(Math.floor(at / 1000));
    }
    const res = await ctx.http.post(`/${page}/feed`, { form, schema: z.object({ id: z.string() }) });
    return { id: res.data.id, scheduled: input.scheduledPublishTime !== undefined };
  },
});
