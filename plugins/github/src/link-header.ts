/**
 * @module GitHub paginates with a `Link` header (RFC 8288,
 * https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api):
 * `<https://api.github.com/user/repos?page=2>; rel="next", <...?page=5>; rel="last"`.
 * The URLs may point at another path (`/repositories/{id}/issues`), so actions hand back the page
 * number, which the caller passes as `page` to the same action.
 */

/** The URL of each relation in a Link header (`next`, `prev`, `first`, `last`). */
export function parseLinkHeader(header: string | undefined): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const [, url = '', params = ''] = match;
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(params)?.[1];
    for (const name of rel?.trim().split(/\s+/) ?? []) links[name.toLowerCase()] ??= url;
  }
  return links;
}

/** The `page` of the `rel="next"` link, or null on the last page. */
export function nextPageOf(headers: Record<string, string>): number | null {
  const next = parseLinkHeader(headers.link).next;
  if (!next) return null;
  let page: string | null;
  try {
    page = new URL(next).searchParams.get('page');
  } catch {
    return null;
  }
  const n = Number(page);
  return Number.isInteger(n) && n > 0 ? n : null;
}
