/**
 * Reference: https://developers.google.com/google-ads/api/rest/reference/rest/v25/customers/uploadClickConversions
 * (partial failure: https://developers.google.com/google-ads/api/docs/best-practices/partial-failures).
 * Google requires `partialFailure: true` here: good rows are kept, bad ones come back as empty
 * results plus errors in `partialFailureError` whose field path starts `conversions.<index>`.
 */
import { z } from 'zod';
import { apiPath, resourceId } from '../api.ts';
import { defineGoogleAdsAction } from '../auth.ts';
import { customerTarget } from '../customer.ts';
import { adsErrors } from '../failure.ts';

const conversion = z
  .object({
    gclid: z.string().min(1).optional(),
    gbraid: z.string().min(1).optional(),
    wbraid: z.string().min(1).optional(),
    conversionActionId: resourceId,
    conversionDateTime: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, 'yyyy-mm-dd hh:mm:ss+hh:mm, with the time zone offset'),
    conversionValue: z.number().nonnegative().optional(),
    currencyCode: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    orderId: z.string().min(1).max(64).optional(),
  })
  .refine((c) => [c.gclid, c.gbraid, c.wbraid].filter(Boolean).length === 1, {
    message: 'exactly one of gclid, gbraid or wbraid identifies the click',
    path: ['gclid'],
  });

const response = z.object({
  results: z.array(z.object({ gclid: z.string().optional(), conversionAction: z.string().optional() })).default([]),
  partialFailureError: z.unknown().optional(),
});

const rowError = z.object({ code: z.string(), kind: z.string(), message: z.string().nullable(), path: z.string().nullable() });

export const uploadClickConversions = defineGoogleAdsAction({
  description: 'Upload offline click conversions; each row reports whether Google accepted it, with its errors',
  input: z.object({ conversions: z.array(conversion).min(1).max(2000), validateOnly: z.boolean().default(false) }),
  output: z.object({
    accepted: z.number().int(),
    failed: z.number().int(),
    rows: z.array(z.object({ index: z.number().int(), ok: z.boolean(), conversionAction: z.string(), errors: z.array(rowError) })),
  }),
  // Google refuses a second conversion with the same click, action and time
  // (CLICK_CONVERSION_ALREADY_EXISTS), so a resent upload cannot count twice.
  idempotent: true,
  run: async (input, ctx) => {
    const { customerId, headers } = customerTarget(ctx.connection.account, ctx.connection.params);
    const actionName = (id: string) => `customers/${customerId}/conversionActions/${id}`;
    const res = await ctx.http.post(apiPath(`customers/${customerId}:uploadClickConversions`), {
      json: {
        conversions: input.conversions.map(({ conversionActionId, ...c }) => ({ ...c, conversionAction: actionName(conversionActionId) })),
        partialFailure: true,
        validateOnly: input.validateOnly,
      },
      headers,
      timeoutMs: 60_000,
      schema: response,
    });
    const errors = adsErrors(res.data.partialFailureError);
    const rows = input.conversions.map((c, index) => {
      const own = errors.filter((e) => e.index === index);
      return {
        index,
        ok: own.length === 0,
        conversionAction: actionName(c.conversionActionId),
        errors: own.map((e) => ({ code: e.code, kind: e.kind, message: e.message ?? null, path: e.path ?? null })),
      };
    });
    const failed = rows.filter((r) => !r.ok).length;
    return { accepted: rows.length - failed, failed, rows };
  },
});
