import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 192 bits from the CSPRNG, URL-safe. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** The one token hasher: session tokens, API-key secrets, OAuth states and connect tokens are stored only as this. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
