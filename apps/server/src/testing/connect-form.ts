/**
 * @module Test helper: uses the connect page as a browser does. `submitConnectForm` sends the
 * page's form the way a browser encodes it (urlencoded, from the page's own origin, the link's
 * token in the body); `controlsOf` reads what the page offers and checks that every control has
 * a label pointing at it.
 */
import type { HttpSession } from './http-session.ts';
import { type Hop, hop } from './oauth-browser.ts';

/** POSTs the link's form with `fields` (`credentials.apiKey`, `params.shop`, ...), as the browser `browser`. */
export function submitConnectForm(
  linkUrl: string,
  fields: Record<string, string>,
  browser?: HttpSession,
  origin = new URL(linkUrl).origin,
): Promise<Hop> {
  const link = new URL(linkUrl);
  return hop(new URL(link.pathname, link), browser, {
    method: 'POST',
    body: new URLSearchParams({ connect_token: link.searchParams.get('connect_token') ?? '', ...fields }),
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

export interface Control {
  tag: string;
  type: string | undefined;
  id: string | undefined;
  name: string | undefined;
  value: string | undefined;
  labelled: boolean;
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Every input, select and textarea of a page (hidden ones too), and whether a `<label for>` names it. */
export function controlsOf(html: string): Control[] {
  const labels = new Set([...html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)].map((m) => m[1]));
  return [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => {
    const tag = m[0];
    const id = attr(tag, 'id');
    return {
      tag: m[1] ?? '',
      type: attr(tag, 'type'),
      id,
      name: attr(tag, 'name'),
      value: attr(tag, 'value'),
      labelled: id !== undefined && labels.has(id),
    };
  });
}

/** The message shown beside a field (`credentials.apiKey`), if any. */
export function fieldErrorOf(html: string, name: string): string | undefined {
  const [prefix, key] = name.split('.');
  return new RegExp(`<p class="field-error" id="f-${prefix}-${key}-error">([^<]*)</p>`).exec(html)?.[1];
}
