/**
 * @module TikTok API for Business's response envelope: every answer, success or failure, is
 * `{ code, message, request_id, data }`, usually with HTTP 200; `code` 0 is success
 * (https://business-api.tiktok.com/portal/docs?id=1737172488964097).
 */
import { z } from 'zod';

export const API_BASE = 'https://business-api.tiktok.com/open_api/v1.3';

export function envelope<T extends z.ZodType>(data: T) {
  return z.object({ code: z.literal(0), message: z.string().optional(), request_id: z.string().optional(), data });
}

export const pageInfo = z.object({
  page: z.number(),
  page_size: z.number(),
  total_number: z.number(),
  total_page: z.number(),
});

/** `page_info` as actions report it, with the next page to ask for (null on the last). */
export const pageOutput = z.object({
  page: z.number(),
  pageSize: z.number(),
  totalNumber: z.number(),
  totalPage: z.number(),
  nextPage: z.number().nullable(),
});

export function toPage(p: z.output<typeof pageInfo>): z.output<typeof pageOutput> {
  return {
    page: p.page,
    pageSize: p.page_size,
    totalNumber: p.total_number,
    totalPage: p.total_page,
    nextPage: p.page < p.total_page ? p.page + 1 : null,
  };
}

/** Array and object query parameters travel as JSON text. */
export const jsonParam = (value: unknown) => JSON.stringify(value);
