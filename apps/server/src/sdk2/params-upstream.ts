/**
 * @module A local fake for the params tests, on 127.0.0.1: Shopify-shaped per-shop OAuth and API
 * (which shop a request is for comes from its Host header, as at Shopify) and Facebook-shaped
 * Login, `/me/accounts` with two Pages and their Page tokens, and posting to a Page's feed.
 * `loopbackLookup` resolves `*.myshopify.com` to this fake: the network edge of the tests.
 */

import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction as NetLookupFunction } from 'node:net';
import { text } from 'node:stream/consumers';
import type { LookupFunction } from '@patchbay/sdk';
import { CUSTOM_APP_TOKEN, SHOP_HOST } from './params-connector.ts';

export interface ParamsUpstream {
  port: number;
  url: string;
  /** Every request: its Host header (no port), method, path and Authorization header. */
  seen: { host: string; method: string; path: string; authorization: string | undefined }[];
  /** Token endpoint calls: the shop host each went to, and its grant type. */
  tokenCalls: { host: string; grantType: string }[];
  /** Page tokens issued, by Page id. */
  pageTokens: Map<string, string>;
  stop(): Promise<void>;
}

function loopback(hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void {
  if (!SHOP_HOST.test(hostname)) return void dnsLookup(hostname, { all: true }, (e, a) => reply(options, callback, e, a));
  reply(options, callback, null, [{ address: '127.0.0.1', family: 4 }]);
}

/** Resolves `*.myshopify.com` to 127.0.0.1 and every other name as the system does: for the engine's egress guard. */
export const loopbackLookup = loopback as unknown as LookupFunction;
/** The same, for an undici Agent's `connect.lookup` (the fetch the OAuth hops use). */
export const loopbackConnectLookup = loopback as unknown as NetLookupFunction;

function reply(options: { all?: boolean }, callback: (...args: unknown[]) => void, error: unknown, addresses: LookupAddress[]) {
  if (error || addresses.length === 0) return callback(error ?? Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
  if (options?.all) callback(null, addresses);
  else callback(null, addresses[0]?.address, addresses[0]?.family);
}

export async function startParamsUpstream(): Promise<ParamsUpstream> {
  const userTokens = new Set<string>();
  const userRefreshTokens = new Set<string>();
  const shopTokens = new Map<string, string>();
  const shopRefreshTokens = new Map<string, string>();
  const pageTokens = new Map<string, string>();
  const seen: ParamsUpstream['seen'] = [];
  const tokenCalls: ParamsUpstream['tokenCalls'] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const authorization = req.headers.authorization;
    seen.push({ host, method: req.method ?? 'GET', path: url.pathname, authorization });
    const bearer = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const toCallback = () => {
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', `code-${randomBytes(6).toString('hex')}`);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      res.end();
    };
    const path = url.pathname;
    const body = req.method === 'POST' ? await text(req) : '';
    if (path.endsWith('/oauth/access_token')) tokenCalls.push({ host, grantType: new URLSearchParams(body).get('grant_type') ?? '' });
    if (path === '/admin/oauth/authorize' || path === '/dialog/oauth') return toCallback();
    if (path === '/admin/oauth/access_token' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      const refresh = form.get('grant_type') === 'refresh_token';
      const granted = refresh ? shopRefreshTokens.get(form.get('refresh_token') ?? '') === host : Boolean(form.get('code'));
      if (form.get('client_secret') !== 'shop-secret' || !granted) return json(400, { error: 'invalid_grant' });
      const token = `shpat_${randomBytes(12).toString('hex')}`;
      const refreshToken = `shprt_${randomBytes(12).toString('hex')}`;
      shopTokens.set(token, host);
      shopRefreshTokens.set(refreshToken, host);
      return json(200, { access_token: token, scope: 'read_products', expires_in: 3600, refresh_token: refreshToken });
    }
    if (path === '/admin/api/2026-10/shop.json') {
      const customApp = req.headers['x-shopify-access-token'] === CUSTOM_APP_TOKEN && SHOP_HOST.test(host);
      if (!customApp && (!bearer || shopTokens.get(bearer) !== host)) return json(401, { errors: 'Invalid API key or access token' });
      return json(200, { host });
    }
    if (path === '/oauth/access_token' && req.method === 'POST') {
      // Meta has no refresh tokens; this fake issues one so a test can refresh the user token
      // under a chosen Page and see the Page token kept.
      const form = new URLSearchParams(body);
      const refresh = form.get('grant_type') === 'refresh_token';
      const granted = refresh ? userRefreshTokens.has(form.get('refresh_token') ?? '') : Boolean(form.get('code'));
      if (form.get('client_secret') !== 'pages-secret' || !granted) return json(400, { error: 'invalid_grant' });
      const token = `user-${randomBytes(12).toString('hex')}`;
      const refreshToken = `userrt-${randomBytes(12).toString('hex')}`;
      userTokens.add(token);
      userRefreshTokens.add(refreshToken);
      return json(200, { access_token: token, token_type: 'bearer', expires_in: 5_184_000, refresh_token: refreshToken });
    }
    if (path === '/me/accounts') {
      if (!bearer || !userTokens.has(bearer)) return json(401, { error: { code: 190, message: 'Invalid OAuth access token' } });
      const pages = [
        { id: 'p1', name: 'Bakery', category: 'Food' },
        { id: 'p2', name: 'Bike shop', category: 'Retail' },
      ].map((page) => {
        const token = pageTokens.get(page.id) ?? `page-${page.id}-${randomBytes(12).toString('hex')}`;
        pageTokens.set(page.id, token);
        return { ...page, access_token: token };
      });
      return json(200, { data: pages });
    }
    const feed = /^\/(p\d)\/feed$/.exec(path);
    if (feed && req.method === 'POST') {
      const page = feed[1] as string;
      if (!bearer || pageTokens.get(page) !== bearer) return json(403, { error: { code: 200, message: 'Requires a Page access token' } });
      return json(200, { id: `${page}_1` });
    }
    return json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    seen,
    tokenCalls,
    pageTokens,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
