/**
 * @module Test helper: walks an OAuth flow the way a browser does, one redirect at a time, so a
 * test can stop, tamper with or replay any step.
 */
import type { HttpSession } from './http-session.ts';

export interface Hop {
  status: number;
  location: URL | undefined;
  text: string;
}

export async function hop(url: string | URL, session?: HttpSession): Promise<Hop> {
  const headers: Record<string, string> = {};
  if (session?.cookies.size) headers.cookie = [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { redirect: 'manual', headers });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location, url) : undefined, text: await res.text() };
}

export interface WalkedFlow {
  /** Our authorize endpoint's redirect to the provider. */
  providerUrl: URL;
  /** The provider's redirect back to our callback (code and state). */
  callbackUrl: URL;
}

/** Authorize at our server, then at the provider; stops before our callback. */
export async function walkToCallback(authorizeUrl: string, session?: HttpSession): Promise<WalkedFlow> {
  const first = await hop(authorizeUrl, session);
  if (first.status !== 302 || !first.location) throw new Error(`authorize answered ${first.status}: ${first.text}`);
  const second = await hop(first.location);
  if (second.status !== 302 || !second.location) throw new Error(`provider answered ${second.status}: ${second.text}`);
  return { providerUrl: first.location, callbackUrl: second.location };
}
