import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documentedBlocks } from './__fixtures__/doc-blocks.ts';
import { instagramAuth, metaAuth, shopifyAuth, slackAuth } from './__fixtures__/oauth-hooks-examples.ts';
import type { OAuth2Auth } from './auth/descriptors.ts';
import { runOAuthHook } from './auth/oauth-hook-context.ts';
import { defineAction, defineConnector } from './define.ts';
import { createTestHarness, type Harness } from './testing/harness.ts';

const json = { headers: { 'content-type': 'application/json' } };
const client = { id: 'app-1', secret: 'app-secret' };
const connectorWith = (auth: OAuth2Auth, baseUrl: string) =>
  defineConnector({
    id: 'example',
    name: 'Example',
    version: '1.0.0',
    description: 'docs example',
    auth,
    baseUrls: [baseUrl],
    actions: {
      ping: defineAction({
        description: 'ping',
        input: z.object({}),
        output: z.object({}),
        run: async (_input, ctx) => {
          await ctx.http.get('/ping');
          return {};
        },
      }),
    },
  });

let agent: MockAgent | undefined;
let harness: Harness<ReturnType<typeof connectorWith>> | undefined;
afterEach(async () => {
  await agent?.close();
  harness?.close();
  agent = undefined;
  harness = undefined;
});
function mockAgent(): MockAgent {
  agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

describe('docs/connector-authoring.md OAuth hook examples', () => {
  it('every marked block is in the type-checked examples file, as written', async () => {
    const { blocks, examples } = await documentedBlocks('oauth-hooks-examples.ts');
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) expect(examples).toContain(block);
  });

  it('apply: actions send X-Shopify-Access-Token and no Authorization header', async () => {
    harness = createTestHarness(connectorWith(shopifyAuth, 'https://example.myshopify.com'), { credentials: { accessToken: 'shpat_1' } });
    harness.on('GET', '/ping').reply(200, {});
    await harness.run('ping', {});
    expect(harness.requests[0]?.headers['x-shopify-access-token']).toBe('shpat_1');
    expect(harness.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('afterExchange: Meta swaps the short-lived token for a long-lived one and names the account', async () => {
    const graph = mockAgent().get('https://graph.facebook.com');
    let exchange: URLSearchParams | undefined;
    graph.intercept({ path: (p) => p.startsWith('/v25.0/oauth/access_token?'), method: 'GET' }).reply(
      200,
      (req) => {
        exchange = new URL(req.path, 'https://x').searchParams;
        return { access_token: 'long-1', expires_in: 5_184_000 };
      },
      json,
    );
    graph.intercept({ path: '/v25.0/me?access_token=long-1', method: 'GET' }).reply(200, { id: 'fb-user-7' }, json);
    const connector = connectorWith(metaAuth, 'https://graph.facebook.com');
    const hook = metaAuth.afterExchange;
    const result = await runOAuthHook(connector, { client, redirectUri: 'http://127.0.0.1/cb', dispatcher: agent }, (ctx) =>
      hook ? hook({ accessToken: 'short-1' }, ctx) : Promise.resolve(undefined),
    );
    expect(Object.fromEntries(exchange ?? [])).toEqual({
      grant_type: 'fb_exchange_token',
      client_id: 'app-1',
      client_secret: 'app-secret',
      fb_exchange_token: 'short-1',
    });
    expect(result).toMatchObject({ tokens: { accessToken: 'long-1', providerAccountId: 'fb-user-7' }, metadata: { userId: 'fb-user-7' } });
    expect((result?.tokens?.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * 24 * 3600 * 1000);
  });

  it('refresh.run: Instagram refreshes with the token itself', async () => {
    mockAgent()
      .get('https://graph.instagram.com')
      .intercept({ path: '/refresh_access_token?grant_type=ig_refresh_token&access_token=ig-1', method: 'GET' })
      .reply(200, { access_token: 'ig-2', expires_in: 5_184_000 }, json);
    const run = instagramAuth.refresh.run;
    const tokens = await runOAuthHook(
      connectorWith(instagramAuth, 'https://graph.instagram.com'),
      { client, redirectUri: '', dispatcher: agent },
      (ctx) => (run ? run({ accessToken: 'ig-1', scopes: [] }, ctx) : Promise.reject(new Error('no hook'))),
    );
    expect(tokens.accessToken).toBe('ig-2');
  });

  it('revoke: Slack ok:false at HTTP 200 is not a revocation; ok:true is', async () => {
    const slack = mockAgent().get('https://slack.com');
    slack.intercept({ path: '/api/auth.revoke', method: 'POST' }).reply(200, { ok: false, error: 'invalid_auth' }, json);
    slack
      .intercept({ path: '/api/auth.revoke', method: 'POST', headers: { authorization: 'Bearer xoxb-2' } })
      .reply(200, { ok: true }, json);
    const revoke = slackAuth.revoke;
    const connector = connectorWith(slackAuth, 'https://slack.com/api');
    const attempt = (accessToken: string) =>
      runOAuthHook(connector, { client, redirectUri: '', dispatcher: agent }, (ctx) =>
        revoke ? revoke({ accessToken, scopes: [] }, ctx) : Promise.resolve(false),
      );
    expect(await attempt('xoxb-1')).toBe(false);
    expect(await attempt('xoxb-2')).toBe(true);
  });
});
