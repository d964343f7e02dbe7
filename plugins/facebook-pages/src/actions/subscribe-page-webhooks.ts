import { z } from 'zod';
import { chosenPage } from '../graph.ts';
import { definePagesAction } from './define.ts';

/**
 * Reference: https://developers.facebook.com/docs/graph-api/reference/page/subscribed_apps/#Creating
 * Meta sends a Page's webhook events only once the Page has installed the app for those fields;
 * the callback URL itself is set once in the app's Webhooks settings (the `feed` trigger's URL).
 */
export const subscribePageWebhooks = definePagesAction({
  description: "Subscribe the app to the chosen Page's webhook fields (default: feed), so the feed trigger receives its events",
  scopes: ['pages_manage_metadata'],
  // Subscribing to the same fields again leaves the same subscription.
  idempotent: true,
  input: z.object({
    fields: z
      .array(z.string().regex(/^[a-z_]+$/))
      .min(1)
      .default(['feed']),
  }),
  output: z.object({ success: z.boolean() }),
  run: async (input, ctx) => {
    const page = chosenPage(ctx.connection.account);
    const res = await ctx.http.post(`/${page}/subscribed_apps`, {
      form: { subscribed_fields: input.fields.join(',') },
      idempotent: true,
      schema: z.object({ success: z.boolean() }),
    });
    return { success: res.data.success };
  },
});
