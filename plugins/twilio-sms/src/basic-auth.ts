/**
 * @module Base64 for the Basic header without Node's Buffer, so the package builds with no Node
 * types (`tsconfig.build.json` has `types: []`).
 */

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of an ASCII string (the SID and token are printable ASCII), for the Basic header. */
export function base64Ascii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [text.charCodeAt(i), text.charCodeAt(i + 1), text.charCodeAt(i + 2)].map((n) =>
      Number.isNaN(n) ? 0 : n,
    );
    const bits = (a << 16) | (b << 8) | c;
    out += BASE64[(bits >> 18) & 63];
    out += BASE64[(bits >> 12) & 63];
    out += i + 1 < text.length ? BASE64[(bits >> 6) & 63] : '=';
    out += i + 2 < text.length ? BASE64[bits & 63] : '=';
  }
  return out;
}
