import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { chosenAdvertiser, defineTikTokAdsAction } from '../advertisers.ts';
import { envelope, jsonParam, pageInfo, pageOutput, toPage } from '../envelope.ts';

const row = z.object({ dimensions: z.record(z.string(), z.unknown()), metrics: z.record(z.string(), z.unknown()) });
const page = envelope(z.object({ list: z.array(row), page_info: pageInfo }));
const day = z.iso.date().describe('YYYY-MM-DD, in the advertiser time zone');
const name = z.string().regex(/^[a-z0-9_]+$/, 'a TikTok dimension or metric name');
const DAY_MS = 86_400_000;

/** Reference: https://business-api.tiktok.com/portal/docs?id=1740302848100353 (report/integrated/get, synchronous BASIC report) */
export const getReport = defineTikTokAdsAction({
  description: 'A basic synchronous report for the chosen advertiser, one or more pages of rows',
  input: z
    .object({
      dataLevel: z.enum(['AUCTION_ADVERTISER', 'AUCTION_CAMPAIGN', 'AUCTION_ADGROUP', 'AUCTION_AD']).default('AUCTION_CAMPAIGN'),
      dimensions: z.array(name).min(1).max(4).default(['campaign_id', 'stat_time_day']),
      metrics: z.array(name).min(1).max(50).default(['spend', 'impressions', 'clicks', 'conversion']),
      startDate: day,
      endDate: day,
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(1000).default(100),
      pages: z.number().int().min(1).max(20).default(1).describe('How many pages to read from `page` on'),
    })
    .refine((r) => r.startDate <= r.endDate, { message: 'endDate is before startDate', path: ['endDate'] })
    // TikTok caps a daily breakdown at 30 days and refuses a longer span in the body.
    .refine((r) => !r.dimensions.includes('stat_time_day') || Date.parse(r.endDate) - Date.parse(r.startDate) < 30 * DAY_MS, {
      message: 'with stat_time_day the range may span at most 30 days',
      path: ['endDate'],
    }),
  output: z.object({ rows: z.array(row), pageInfo: pageOutput }),
  timeoutMs: 120_000,
  run: async (input, ctx) => {
    const rows: z.output<typeof row>[] = [];
    let last: z.output<typeof pageInfo> | undefined;
    const first = {
      path: '/report/integrated/get/',
      query: {
        advertiser_id: chosenAdvertiser(ctx),
        report_type: 'BASIC',
        data_level: input.dataLevel,
        dimensions: jsonParam(input.dimensions),
        metrics: jsonParam(input.metrics),
        start_date: input.startDate,
        end_date: input.endDate,
        page: input.page,
        page_size: input.pageSize,
      },
      schema: page,
    };
    for await (const r of ctx.http.paginate(first, {
      items: (res) => {
        last = res.data.data.page_info;
        return res.data.data.list;
      },
      next: (res, req) => {
        const info = res.data.data.page_info;
        return info.page < info.total_page ? { ...req, query: { ...req.query, page: info.page + 1 } } : undefined;
      },
      maxPages: input.pages,
    })) {
      rows.push(r);
    }
    if (!last) throw new ConnectorError('UPSTREAM_CONTRACT', 'TikTok sent no report page');
    return { rows, pageInfo: toPage(last) };
  },
});
