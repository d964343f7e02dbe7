/**
 * @module Where the Google Ads API lives and which version this connector speaks. The version is
 * in the path (https://developers.google.com/google-ads/api/docs/release-notes); Google sunsets
 * each major about a year after release, so moving to the next one is a change here and in the
 * fixtures, nowhere else.
 */
import { z } from 'zod';

export const GOOGLE_ADS_API_VERSION = 'v25';

/** `/v25/customers/1234567890/googleAds:search` from `customers/1234567890/googleAds:search`. */
export const apiPath = (rest: string): string => `/${GOOGLE_ADS_API_VERSION}/${rest}`;

/**
 * A customer id as people write it (`123-456-7890`) or as the API wants it (`1234567890`): the
 * API refuses dashes, so they are stripped before anything is sent.
 */
export const customerId = z
  .string()
  .trim()
  .transform((id) => id.replaceAll('-', ''))
  .pipe(z.string().regex(/^\d{10}$/, 'a Google Ads customer id has 10 digits (dashes allowed)'));

/** A numeric resource id (campaign, budget, conversion action): int64 in the API, a string in JSON. */
export const resourceId = z
  .union([z.string().regex(/^\d{1,19}$/, 'digits only'), z.number().int().nonnegative()])
  .transform((id) => String(id));

/** `123-456-7890`, how the Google Ads UI shows customer ids. */
export const formatCustomerId = (id: string): string => (id.length === 10 ? `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6)}` : id);
