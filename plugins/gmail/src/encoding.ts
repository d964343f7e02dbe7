/**
 * @module UTF-8 and base64 without Node's Buffer (the package builds for any runtime): what an
 * RFC 5322 message and the Gmail API's `raw` field need.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const part of encodeURIComponent(text).split(/(%[0-9A-F]{2})/)) {
    if (part.startsWith('%') && part.length === 3) bytes.push(Number.parseInt(part.slice(1), 16));
    else for (const ch of part) bytes.push(ch.charCodeAt(0));
  }
  return bytes;
}

export function utf8Text(bytes: readonly number[]): string {
  return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
}

export function base64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63] + (ALPHABET[(n >> 12) & 63] ?? '');
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

export function base64Bytes(encoded: string): number[] {
  const clean = encoded
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/[^A-Za-z0-9+/]/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < clean.length; i += 4) {
    const chunk = clean.slice(i, i + 4);
    const n = [...chunk].reduce((acc, ch) => (acc << 6) | ALPHABET.indexOf(ch), 0) << (6 * (4 - chunk.length));
    bytes.push((n >> 16) & 255);
    if (chunk.length > 2) bytes.push((n >> 8) & 255);
    if (chunk.length > 3) bytes.push(n & 255);
  }
  return bytes;
}

export const base64url = (bytes: readonly number[]) => base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
