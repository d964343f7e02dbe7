import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { facebookPages } from './index.ts';

let h: Harness<typeof facebookPages>;
afterEach(() => h.close());
const DAY_MS = 24 * 3600 * 1000;

describe('Facebook login, Page discovery and scheduling', () => {
  it('afterExchange swaps the short-lived user token for a long-lived one (fb_exchange_token) and names the user', async () => {
    h = createTestHarness(facebookPages, { credentials: { accessToken: 'short' } });
    h.on(
      'GET',
      '/oauth/access_token?grant_type=fb_exchange_token&client_id=test-client-id&client_secret=test-client-secret&fb_exchange_token=short',
    ).reply(200, { access_token: 'EAAGlong', token_type: 'bearer', expires_in: 5183944 });
    h.on('GET', '/me?fields=id%2Cname').reply(200, { id: '10158', name: 'Ada' });
    const hook = facebookPages.auth.afterExchange;
    if (!hook) throw new Error('no afterExchange');
    const out = await h.oauthHook((ctx) => hook({ accessToken: 'short', scopes: ['pages_show_list'] }, ctx));
    expect(out?.tokens?.accessToken).toBe('EAAGlong');
    expect(out?.tokens?.providerAccountId).toBe('10158');
    expect((out?.tokens?.expiresAt?.getTime() ?? 0) - Date.now()).toBeGreaterThan(59 * DAY_MS);
    expect(out?.metadata).toEqual({ userId: '10158', tokenKind: 'long-lived' });
    expect(h.requests[1]?.headers.authorization).toBe('Bearer EAAGlong');
  });

  it('discover lists the Pages across cursor pages with their Page tokens, skipping Pages without one', async () => {
    h = createTestHarness(facebookPages, { credentials: { accessToken: 'EAAGuser' } });
    h.on('GET', '/me/accounts?fields=id%2Cname%2Ccategory%2Ctasks%2Caccess_token&limit=100').reply(200, {
      data: [{ id: '1', name: 'Bakery', category: 'Food', tasks: ['CREATE_CONTENT'], access_token: 'EAAGp1' }],
      paging: { cursors: { after: 'A1' }, next: 'https://graph.facebook.com/v25.0/me/accounts?after=A1' },
    });
    h.on('GET', '/me/accounts?fields=id%2Cname%2Ccategory%2Ctasks%2Caccess_token&limit=100&after=A1').reply(200, {
      data: [
        { id: '2', name: 'Bike shop', access_token: 'EAAGp2' },
        { id: '3', name: 'No role here' },
      ],
      paging: { cursors: { after: 'A2' } },
    });
    expect(await h.discover()).toEqual([
      { id: '1', name: 'Bakery', metadata: { category: 'Food', tasks: ['CREATE_CONTENT'] }, credentials: { accessToken: 'EAAGp1' } },
      { id: '2', name: 'Bike shop', metadata: { category: null, tasks: [] }, credentials: { accessToken: 'EAAGp2' } },
    ]);
    expect(h.requests.every((r) => r.headers.authorization === 'Bearer EAAGuser')).toBe(true);
  });

  it('revoke deletes the permissions with the user token and reports success', async () => {
    h = createTestHarness(facebookPages, { credentials: { accessToken: 'EAAGuser' } });
    h.on('DELETE', '/me/permissions').reply(200, { success: true });
    const revoke = facebookPages.auth.revoke;
    if (!revoke) throw new Error('no revoke');
    expect(await h.oauthHook((ctx) => revoke({ accessToken: 'EAAGuser', scopes: [] }, ctx))).toBe(true);
    expect(h.requests[0]?.headers.authorization).toBe('Bearer EAAGuser');
  });

  it('a scheduled post is sent unpublished with the Unix time; a time under 10 minutes ahead is refused before any request', async () => {
    const page = {
      credentials: { accessToken: 'u', account: { accessToken: 'EAAGpage' } },
      connection: { account: { id: '1234', name: 'P' } },
    };
    h = createTestHarness(facebookPages, page);
    const at = new Date(Date.now() + 2 * DAY_MS);
    at.setMilliseconds(0);
    h.on('POST', '/1234/feed').reply(200, { id: '1234_9' });
    expect(await h.run('publishPost', { message: 'later', scheduledPublishTime: at.toISOString() })).toEqual({
      id: '1234_9',
      scheduled: true,
    });
    expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({
      message: 'later',
      published: 'false',
      scheduled_publish_time: String(at.getTime() / 1000),
    });
    await h.close();
    h = createTestHarness(facebookPages, page);
    const soon = new Date(Date.now() + 60_000).toISOString();
    expect(await failure(h.run('publishPost', { message: 'x', scheduledPublishTime: soon }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'scheduledPublishTime',
    });
    expect(await failure(h.run('publishPost', {}))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await failure(h.run('hideComment', { commentId: '../me' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await failure(h.run('publishPhoto', { url: 'file:///etc/passwd' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(h.requests).toHaveLength(0);
  });
});
