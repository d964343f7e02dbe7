/**
 * @module Signature checks webhook triggers share: HMAC-SHA256 over exact bytes, compared in
 * constant time, and the age of a signed timestamp. Providers differ only in what they sign
 * and how they write the digest, so a trigger's `verify` is a few lines on top of these.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { VerifyVerdict } from './define-trigger.ts';

export type DigestEncoding = 'hex' | 'base64';

/** HMAC-SHA256 of `parts` concatenated (strings as UTF-8, bytes as they are). */
export function hmacSha256(secret: string, parts: readonly (string | Uint8Array)[], encoding: DigestEncoding = 'hex'): string {
  const mac = createHmac('sha256', secret);
  for (const part of parts) mac.update(part);
  return mac.digest(encoding);
}

/** Constant-time comparison of two digests written as text. */
export function digestsEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether any of `candidates` (the digests a request carries) matches HMAC-SHA256 of `parts`
 * under any of `secrets`.
 *
 * @example
 * verifyHmacSha256({ secrets, parts: [rawBody], candidates: [headers['x-hub-signature-256']?.replace(/^sha256=/, '')] })
 */
export function verifyHmacSha256(options: {
  secrets: readonly string[];
  parts: readonly (string | Uint8Array)[];
  candidates: readonly (string | undefined)[];
  encoding?: DigestEncoding;
}): VerifyVerdict {
  const received = options.candidates.filter((c): c is string => typeof c === 'string' && c !== '');
  if (received.length === 0) return { ok: false, reason: 'missing' };
  for (const secret of options.secrets) {
    const expected = hmacSha256(secret, options.parts, options.encoding);
    if (received.some((candidate) => digestsEqual(expected, candidate))) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}

/** Whether a signed unix timestamp (seconds) is within `toleranceSeconds` of `now`, either way. */
export function timestampFresh(timestamp: string | undefined, now: Date, toleranceSeconds: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= toleranceSeconds;
}
