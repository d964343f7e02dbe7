import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector } from '../define.ts';
import type { ConnectorError } from '../errors.ts';
import { oauth2 } from './define-auth.ts';
import { oauthHookBaseUrls, runOAuthHook } from './oauth-hook-context.ts';

const connector = defineConnector({
  id: 'hooked',
  name: 'Hooked',
  version: '1.0.0',
  description: 'OAuth hook context',
  auth: oauth2({
    authorizationUrl: 'https://login.example/authorize',
    tokenUrl: 'https://auth.example/oauth/token',
    revokeUrl: 'https://auth.example/oauth/revoke',
    scopes: [],
  }),
  baseUrls: ['https://api.example/v2'],
  actions: {},
});
const options = (agent: MockAgent, timeoutMs?: number) => ({
  client: { id: 'id', secret: 'secret' },
  redirectUri: 'http://127.0.0.1/oauth/callback',
  dispatcher: agent,
  timeoutMs,
});

let agent: MockAgent;
afterEach(() => agent.close());
const fresh = () => {
  agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
};

describe('the OAuth hook context', () => {
  it('may call the base URLs (relative paths under the first) and the OAuth endpoints, nothing else', async () => {
    expect(oauthHookBaseUrls(connector)).toEqual(['https://api.example/v2', 'https://login.example', 'https://auth.example']);
    fresh()
      .get('https://api.example')
      .intercept({ path: '/v2/me' })
      .reply(200, { id: 'u1' }, { headers: { 'content-type': 'application/json' } });
    agent
      .get('https://auth.example')
      .intercept({ path: '/oauth/exchange' })
      .reply(200, { ok: true }, { headers: { 'content-type': 'application/json' } });
    const [me, exchanged] = await runOAuthHook(connector, options(agent), async (ctx) => [
      (await ctx.http.get('/me', { schema: z.object({ id: z.string() }) })).data,
      (await ctx.http.get('https://auth.example/oauth/exchange')).data,
    ]);
    expect([me, exchanged]).toEqual([{ id: 'u1' }, { ok: true }]);
    const refused = (await runOAuthHook(connector, options(agent), (ctx) => ctx.http.get('https://collector.example/steal')).catch(
      (e: unknown) => e,
    )) as ConnectorError;
    expect(refused.code).toBe('HOST_NOT_ALLOWED');
  });

  it('fails a hook that outlives its deadline as TIMEOUT, even one that ignores the signal', async () => {
    const error = (await runOAuthHook(connector, options(fresh(), 50), () => new Promise(() => {})).catch(
      (e: unknown) => e,
    )) as ConnectorError;
    expect(error.code).toBe('TIMEOUT');
  });
});
