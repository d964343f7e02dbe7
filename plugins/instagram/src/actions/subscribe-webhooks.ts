import { z } from 'zod';
import { defineInstagramAction } from './define.ts';

/**
 * Reference: https://developers.facebook.com/documentation/instagram-platform/webhooks/setup
 * (step 3, "enable your app user's account": `POST /me/subscribed_apps?subscribed_fields=…`).
 * Meta sends an account's notifications only once the account has subscribed the app; the
 * callback URL itself is set once in the app's Webhooks settings (the `comments` trigger's URL).
 */
export const subscribeWebhooks = defineInstagramAction({
  description: "Subscribe the app to this account's webhook fields (default: comments), so the comments trigger receives its events",
  scopes: ['instagram_business_manage_comments'],
  // Subscribing to the same fields again leaves the same subscription.
  idempotent: true,
  input: z.object({
    fields: z
      .array(z.string().regex(/^[a-z_]+$/))
      .min(1)
      .default(['comments']),
  }),
  output: z.object({ success: z.boolean() }),
  run: async (input, ctx) => {
    const res = await ctx.http.post('/me/subscribed_apps', {
      query: { subscribed_fields: input.fields.join(',') },
      idempotent: true,
      schema: z.object({ success: z.boolean() }),
    });
    return { success: res.data.success };
  },
});
