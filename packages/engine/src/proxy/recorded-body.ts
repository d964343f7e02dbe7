/**
 * @module How a proxied request body appears in a run record when the caller asked for bodies:
 * JSON as its value, other text as text, and binary as its size only (bytes no one can read in
 * a record would only cost space).
 */

export type RecordedBody = unknown;

export function bodyForRecord(body: Uint8Array | undefined, contentType: string | undefined): RecordedBody {
  if (!body || body.length === 0) return null;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  const type = (contentType ?? '').toLowerCase();
  if (/[/+]json\b/.test(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (type.startsWith('text/') || type.includes('x-www-form-urlencoded') || type.includes('xml')) return text;
  return { binary: true, bytes: body.length };
}
