/**
 * @module A local provider, on 127.0.0.1, shaped like the ones the OAuth hooks exist for:
 * authorize takes `client_key` and answers with `auth_code` (TikTok), the token endpoint takes a
 * JSON body and reports failures as `code != 0` at HTTP 200 (TikTok Business), a short-lived token
 * is swapped for a long-lived one (Meta `fb_exchange_token`), the long-lived token is refreshed
 * with itself, no refresh token (Instagram `ig_refresh_token`), the API reads `Access-Token`, and
 * revocation answers 200 with `ok: false` on failure (Slack). oauth2-mock-server cannot answer
 * with `auth_code` or read a JSON token request, hence this small server.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SIXTY_DAYS_S = 60 * 24 * 3600;

export interface HooksProvider {
  origin: string;
  /** Every request, as `METHOD /path`, with its query, headers and body. */
  seen: { route: string; query: Record<string, string>; headers: IncomingMessage['headers']; body: unknown }[];
  /** Long-lived tokens the API accepts. */
  liveTokens: Set<string>;
  /** The next refresh answers 400 with a Graph-style error (token expired). */
  failNextRefresh: boolean;
  /** The next revocation answers `{ ok: false }` at HTTP 200. */
  refuseNextRevoke: boolean;
  stop(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  if (!text) return undefined;
  return req.headers['content-type']?.includes('json') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
}

export async function startHooksProvider(clientKey: string, clientSecret: string): Promise<HooksProvider> {
  const codes = new Map<string, string>(); // auth_code -> open_id
  const shortTokens = new Map<string, string>(); // short-lived token -> open_id
  let accounts = 0;
  const state: Omit<HooksProvider, 'origin' | 'stop'> = {
    seen: [],
    liveTokens: new Set(),
    failNextRefresh: false,
    refuseNextRevoke: false,
  };
  const longLived = () => {
    const token = `long-${randomUUID()}`;
    state.liveTokens.add(token);
    return { access_token: token, token_type: 'bearer', expires_in: SIXTY_DAYS_S };
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const body = await readJson(req);
    state.seen.push({ route: `${req.method} ${url.pathname}`, query, headers: req.headers, body });
    const json = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /portal/auth': {
        if (query.client_key !== clientKey || 'client_id' in query) return json(400, { error: 'client_key required' });
        const code = randomUUID();
        codes.set(code, `user-${++accounts}`);
        const back = new URL(query.redirect_uri ?? '');
        back.searchParams.set('auth_code', code);
        back.searchParams.set('state', query.state ?? '');
        res.writeHead(302, { location: back.toString() }).end();
        return;
      }
      case 'POST /oauth/token/': {
        const { client_key, secret, auth_code } = (body ?? {}) as Record<string, string>;
        const openId = codes.get(auth_code ?? '');
        if (client_key !== clientKey || secret !== clientSecret) return json(200, { code: 40002, message: 'bad app' });
        if (!openId) return json(200, { code: 40001, message: 'auth_code is invalid or used' });
        codes.delete(auth_code ?? '');
        const token = `short-${randomUUID()}`;
        shortTokens.set(token, openId);
        return json(200, { code: 0, message: 'OK', data: { access_token: token, expires_in: 3600, open_id: openId } });
      }
      case 'GET /oauth/long_lived': {
        if (query.grant_type !== 'exchange_token' || query.client_secret !== clientSecret || !shortTokens.has(query.access_token ?? '')) {
          return json(400, { error: { code: 190, message: 'Invalid OAuth access token' } });
        }
        shortTokens.delete(query.access_token ?? '');
        return json(200, longLived());
      }
      case 'GET /refresh_access_token': {
        const known = state.liveTokens.has(query.access_token ?? '');
        if (state.failNextRefresh || query.grant_type !== 'tok_refresh_token' || !known) {
          state.failNextRefresh = false;
          return json(400, { error: { code: 190, message: 'Error validating access token' } });
        }
        return json(200, longLived());
      }
      case 'GET /v1/me': {
        const token = req.headers['access-token'];
        if (typeof token !== 'string' || !state.liveTokens.has(token)) return json(401, { code: 40105, message: 'token invalid' });
        return json(200, { code: 0, data: { display_name: 'Tok User' } });
      }
      case 'POST /oauth/revoke': {
        const token = (body as { token?: string } | undefined)?.token ?? '';
        if (state.refuseNextRevoke || !state.liveTokens.has(token)) {
          state.refuseNextRevoke = false;
          return json(200, { ok: false, error: 'invalid_auth' });
        }
        state.liveTokens.delete(token);
        return json(200, { ok: true, revoked: true });
      }
      default:
        return json(404, { error: 'not found' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
