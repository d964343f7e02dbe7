/**
 * @module The advertisers a connection covers: the ids kept at authorization (afterExchange),
 * checked against the token now with /advertiser/info/
 * (https://business-api.tiktok.com/portal/docs?id=1739593083610113).
 */
import { ConnectorError, defineActionFor, type HttpClient } from '@patchbay/sdk';
import { z } from 'zod';
import { envelope, jsonParam } from './envelope.ts';
import { tiktokAdsAuth } from './tiktok-ads-auth.ts';

export const defineTikTokAdsAction = defineActionFor(tiktokAdsAuth);

export const advertiserInfo = z.object({
  advertiser_id: z.string(),
  name: z.string(),
  status: z.string().optional(),
  currency: z.string().optional(),
  timezone: z.string().optional(),
  company: z.string().optional(),
});
const info = envelope(z.object({ list: z.array(advertiserInfo) }));
const stored = z.array(z.object({ id: z.string(), name: z.string() }));

/** Advertiser ids stored with the connection at authorization. */
export function authorizedIds(metadata: Readonly<Record<string, unknown>>): string[] {
  const parsed = stored.safeParse(metadata.advertisers);
  return parsed.success ? parsed.data.map((a) => a.id) : [];
}

export async function advertiserDetails(http: HttpClient, ids: readonly string[]): Promise<z.output<typeof advertiserInfo>[]> {
  if (ids.length === 0) return [];
  // The endpoint takes at most 100 ids per call.
  const out: z.output<typeof advertiserInfo>[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const res = await http.get('/advertiser/info/', { query: { advertiser_ids: jsonParam(ids.slice(i, i + 100)) }, schema: info });
    out.push(...res.data.data.list);
  }
  return out;
}

/** The chosen advertiser's id; the engine refuses actions before one is chosen. */
export function chosenAdvertiser(ctx: { connection: { account?: { id: string } | null } }): string {
  const id = ctx.connection.account?.id;
  if (!id) throw new ConnectorError('INVALID_INPUT', 'Choose the TikTok advertiser for this connection first (connections.setAccount)');
  return id;
}
