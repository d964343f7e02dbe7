/**
 * @module Twilio's request signature (https://www.twilio.com/docs/usage/security#validating-requests):
 * `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed by the account's auth token, of the full
 * URL Twilio requested followed by each POST parameter's name and value, sorted by name (and,
 * for a repeated name, by value). Twilio signs no timestamp, so there is no replay window:
 * a repeated request is a repeated MessageSid, which is stored once.
 */
import { createHmac } from 'node:crypto';
import { digestsEqual, type VerifyVerdict } from '@patchbay/sdk';

/** The string Twilio signs: the URL, then `name` + `value` of every parameter in sorted order. */
export function twilioSignedString(url: string, params: URLSearchParams): string {
  const pairs = [...params.entries()].sort(([an, av], [bn, bv]) => (an === bn ? (av < bv ? -1 : av > bv ? 1 : 0) : an < bn ? -1 : 1));
  return url + pairs.map(([name, value]) => name + value).join('');
}

export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  return createHmac('sha1', authToken).update(twilioSignedString(url, params), 'utf8').digest('base64');
}

/** Checks `X-Twilio-Signature` against each secret (the auth token, newest first). */
export function verifyTwilioRequest(request: {
  text: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  secrets: readonly string[];
}): VerifyVerdict {
  const received = request.headers['x-twilio-signature'];
  if (!received) return { ok: false, reason: 'missing' };
  const params = new URLSearchParams(request.text);
  for (const secret of request.secrets) {
    if (digestsEqual(twilioSignature(secret, request.url, params), received)) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}

/** Signs a form body as Twilio does, for tests of code that receives Twilio requests. */
export function signTwilioRequest(body: string, authToken: string, _now: Date, url: string): Record<string, string> {
  return { 'x-twilio-signature': twilioSignature(authToken, url, new URLSearchParams(body)) };
}
