/**
 * @module The token a mailed link carries. It rides in the URL fragment (`#token=…`), which
 * browsers never send to a server, so it stays out of access logs and Referer headers.
 */
export function linkToken(hash: string = window.location.hash): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}
