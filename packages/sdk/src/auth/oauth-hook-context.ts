/**
 * @module The context the engine gives a connector's OAuth hooks: the SDK's own HTTP client
 * (timeouts, retries of safe requests, typed errors) limited to the hosts the connector declared,
 * its base URLs and the origins of its OAuth endpoints (relative paths resolve against the first
 * base URL, as in actions), so a hook cannot be turned into a fetch
 * to anywhere. Every request and the hook as a whole are bounded by `timeoutMs`.
 */
import type { Dispatcher } from 'undici';
import type { AnyConnector } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { createHttpClient } from '../http/client.ts';
import { DEFAULT_RETRY } from '../http/retry.ts';
import type { OAuthHookContext } from './oauth-hooks.ts';

export interface OAuthHookOptions {
  client: { id: string; secret: string };
  redirectUri: string;
  dispatcher?: Dispatcher | undefined;
  /**
   * For the hook as a whole (default 15 s, one token call's bound: the engine's refresh lease
   * lasts twice that, so a refresh hook cannot outlive it).
   */
  timeoutMs?: number | undefined;
}

/**
 * What an OAuth hook may call: the connector's base URLs (the first one resolves relative paths,
 * as in actions), then the origins of its OAuth endpoints.
 */
export function oauthHookBaseUrls(connector: AnyConnector): string[] {
  const urls = [...connector.baseUrls];
  if (connector.auth.kind === 'oauth2') {
    const { authorizationUrl, tokenUrl, revokeUrl } = connector.auth;
    for (const url of [authorizationUrl, tokenUrl, revokeUrl]) if (url) urls.push(new URL(url).origin);
  }
  return [...new Set(urls)];
}

/**
 * Runs one hook with its context; a hook that outlives `timeoutMs` fails as TIMEOUT.
 *
 * @example
 * const tokens = await runOAuthHook(connector, { client, redirectUri }, (ctx) => auth.refresh.run(current, ctx));
 */
export async function runOAuthHook<T>(
  connector: AnyConnector,
  options: OAuthHookOptions,
  hook: (ctx: OAuthHookContext) => Promise<T>,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const signal = AbortSignal.timeout(timeoutMs);
  const http = createHttpClient({
    baseUrls: oauthHookBaseUrls(connector),
    refreshable: false,
    dispatcher: options.dispatcher,
    signal,
    retry: { ...DEFAULT_RETRY, attempts: 2 },
  });
  const ctx: OAuthHookContext = Object.freeze({ http, client: options.client, redirectUri: options.redirectUri, signal });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectorError('TIMEOUT', `The OAuth hook took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([hook(ctx), late]);
  } finally {
    clearTimeout(timer);
  }
}
