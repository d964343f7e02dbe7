/**
 * @module Test helper: walks an OAuth flow the way a browser does, one redirect at a time, so a
 * test can stop, tamper with or replay any step. The browser is an HttpSession: it sends its
 * cookies on every hop to our server and keeps the ones our server sets (the flow cookie), so a
 * test finishes a flow in the browser that began it, or deliberately in another one.
 */
import { HttpSession } from './http-session.ts';

export interface Hop {
  status: number;
  location: URL | undefined;
  text: string;
}

const cookieHeader = (browser: HttpSession | undefined) =>
  browser?.cookies.size ? { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};

/** One request without following redirects; `browser`'s cookies go along only to its own server. */
export async function hop(url: string | URL, browser?: HttpSession, init: RequestInit = {}): Promise<Hop> {
  const target = new URL(url);
  const ours = browser !== undefined && target.origin === browser.origin;
  const headers = { ...(ours ? cookieHeader(browser) : {}), ...(init.headers as Record<string, string> | undefined) };
  const res = await fetch(target, { ...init, redirect: 'manual', headers });
  if (ours) browser.keepCookies(res.headers);
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location, target) : undefined, text: await res.text() };
}

export interface WalkedFlow {
  /** Our authorize endpoint's redirect to the provider. */
  providerUrl: URL;
  /** The provider's redirect back to our callback (code and state). */
  callbackUrl: URL;
  /** The browser that walked it, holding the flow cookie: pass it to `hop(callbackUrl, browser)`. */
  browser: HttpSession;
}

async function throughProvider(first: Hop, browser: HttpSession): Promise<WalkedFlow> {
  if (first.status !== 302 || !first.location) throw new Error(`authorize answered ${first.status}: ${first.text}`);
  const second = await hop(first.location);
  if (second.status !== 302 || !second.location) throw new Error(`provider answered ${second.status}: ${second.text}`);
  return { providerUrl: first.location, callbackUrl: second.location, browser };
}

/** Authorize at our server (as `browser`, a signed-in session), then at the provider; stops before our callback. */
export async function walkToCallback(authorizeUrl: string, browser: HttpSession): Promise<WalkedFlow> {
  return throughProvider(await hop(authorizeUrl, browser), browser);
}

/** The POST the connect page's button sends: the link's token, to the link's path, from `origin`. */
export function postConnectToken(linkUrl: string, browser?: HttpSession, origin = new URL(linkUrl).origin): Promise<Hop> {
  const link = new URL(linkUrl);
  return hop(new URL(link.pathname, link), browser, {
    method: 'POST',
    body: new URLSearchParams({ connect_token: link.searchParams.get('connect_token') ?? '' }),
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** Opens a connect link (a GET, which must show the page with its form) and presses the button. */
export async function pressConnect(linkUrl: string, browser: HttpSession): Promise<Hop> {
  const page = await hop(linkUrl, browser);
  if (page.status !== 200) throw new Error(`connect link answered ${page.status}: ${page.text}`);
  const link = new URL(linkUrl);
  const form = `<form method="post" action="${link.pathname}"><input type="hidden" name="connect_token" value="${link.searchParams.get('connect_token')}">`;
  if (!page.text.includes(form)) throw new Error(`no connect form for this link on the page: ${page.text}`);
  return postConnectToken(linkUrl, browser);
}

/** Opens a connect link in a fresh browser, presses its button, and goes through the provider. */
export async function walkConnectLink(linkUrl: string, browser = new HttpSession(new URL(linkUrl).origin)): Promise<WalkedFlow> {
  return throughProvider(await pressConnect(linkUrl, browser), browser);
}
