import { z } from 'zod';
import { chosenPage } from '../graph.ts';
import { definePagesAction } from './define.ts';

const insight = z.object({
  name: z.string(),
  period: z.string(),
  title: z.string().optional(),
  values: z.array(z.object({ value: z.unknown(), end_time: z.string().optional() })),
});

/**
 * Reference: https://developers.facebook.com/docs/graph-api/reference/page/insights/
 * Metric names are passed through: Meta retires Page metrics often (several in 2025), and a
 * retired one comes back as error 100, mapped to INVALID_INPUT with its message.
 */
export const getInsights = definePagesAction({
  description: 'Page-level insights for the chosen Page (e.g. page_impressions_unique, page_post_engagements)',
  scopes: ['read_insights', 'pages_read_engagement'],
  idempotent: true,
  input: z.object({
    metrics: z
      .array(z.string().regex(/^[a-z0-9_]+$/, 'a metric name'))
      .min(1)
      .max(25),
    period: z.enum(['day', 'week', 'days_28', 'month', 'lifetime', 'total_over_range']).default('day'),
    since: z.iso.date().optional(),
    until: z.iso.date().optional(),
  }),
  output: z.object({
    metrics: z.array(
      z.object({
        name: z.string(),
        period: z.string(),
        title: z.string().nullable(),
        values: z.array(z.object({ value: z.unknown(), endTime: z.string().nullable() })),
      }),
    ),
  }),
  run: async (input, ctx) => {
    const page = chosenPage(ctx.connection.account);
    const query: Record<string, string> = { metric: input.metrics.join(','), period: input.period };
    if (input.since) query.since = input.since;
    if (input.until) query.until = input.until;
    const res = await ctx.http.get(`/${page}/insights`, { query, schema: z.object({ data: z.array(insight) }) });
    return {
      metrics: res.data.data.map((m) => ({
        name: m.name,
        period: m.period,
        title: m.title ?? null,
        values: m.values.map((v) => ({ value: v.value, endTime: v.end_time ?? null })),
      })),
    };
  },
});
