/**
 * Reference: https://developers.google.com/google-ads/api/rest/reference/rest/v25/customers.googleAds/search
 * (paging: https://developers.google.com/google-ads/api/docs/reporting/paging). Pages hold up to
 * 10,000 rows and their size cannot be set (PAGE_SIZE_NOT_SUPPORTED since v17).
 */
import { z } from 'zod';
import { apiPath } from '../api.ts';
import { defineGoogleAdsAction } from '../auth.ts';
import { customerTarget } from '../customer.ts';
import { fieldsOf, flattenRow } from '../rows.ts';

const page = z.object({
  results: z.array(z.record(z.string(), z.unknown())).default([]),
  nextPageToken: z.string().optional(),
  fieldMask: z.string().optional(),
});

export const search = defineGoogleAdsAction({
  description: 'Run a GAQL query on the chosen customer; rows come back as records keyed by the selected fields',
  input: z.object({
    query: z.string().trim().min(1).max(100_000).describe('GAQL, e.g. SELECT campaign.id, metrics.clicks FROM campaign'),
    pageToken: z.string().min(1).optional().describe('nextPageToken of the previous page'),
  }),
  output: z.object({
    rows: z.array(z.record(z.string(), z.unknown())),
    fields: z.array(z.string()),
    nextPageToken: z.string().nullable(),
  }),
  // A read: repeating it after a 5xx or a timeout changes nothing.
  idempotent: true,
  timeoutMs: 120_000,
  run: async (input, ctx) => {
    const { customerId, headers } = customerTarget(ctx.connection.account, ctx.connection.params);
    const res = await ctx.http.post(apiPath(`customers/${customerId}/googleAds:search`), {
      json: { query: input.query, ...(input.pageToken ? { pageToken: input.pageToken } : {}) },
      headers,
      timeoutMs: 110_000,
      schema: page,
    });
    return {
      rows: res.data.results.map(flattenRow),
      fields: fieldsOf(res.data.fieldMask),
      nextPageToken: res.data.nextPageToken ?? null,
    };
  },
});
