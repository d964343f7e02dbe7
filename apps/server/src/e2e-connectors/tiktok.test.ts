/**
 * TikTok end to end through the real server: connect with `client_key` (the token endpoint faked
 * at the HTTP layer with undici's MockAgent), run getCreatorInfo, find its run record, disconnect
 * (revoked at TikTok). Only TikTok is faked; server, database and OAuth code are the real ones.
 */
import tiktok from '@patchbay/connector-tiktok';
import type { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { type ProviderE2E, startProviderE2E } from '../testing/provider-e2e.ts';
import type { TestServer } from '../testing/test-server.ts';

let server: TestServer;
let owner: HttpSession;
let org: string;
let agent: MockAgent;
let e2e: ProviderE2E;

beforeAll(async () => {
  e2e = await startProviderE2E({ connectors: [tiktok], email: `tiktok-${Date.now()}@example.com`, orgName: 'TikTok E2E' });
  ({ server, owner, org, agent } = e2e);
  ok(
    await owner.mutation('oauthApps.set', { connectorId: 'tiktok', clientId: 'awzpx1rl2tiktokkey', clientSecret: 'tiktok-client-secret' }),
  );
});
afterAll(() => e2e?.close());

const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const OPEN_ID = '-000Bbw9Lr8Fxxs7xuBt0bC6TcIyVPnVbnXM';

describe('tiktok end to end through the server', () => {
  it('connects with client_key, keeps open_id and the 24 h expiry, reads creator info, records the run, refreshes the 24 h token, revokes on delete', async () => {
    agent.get('https://open.tiktokapis.com').intercept({ path: '/v2/oauth/token/', method: 'POST' }).reply(
      200,
      {
        open_id: OPEN_ID,
        scope: 'user.info.basic,video.publish',
        access_token: 'act.1d1021d2aee3d41fee2d2add43456badMFZnrhFhfWotu3Ecuiuka27L56lr',
        expires_in: 86400,
        refresh_token: 'rft.713a8c4bb2cfe1d9c64e41e6d1dbd7c6fJJR6VyCuOhFmxm9bwrPn8wsdt7',
        refresh_expires_in: 31536000,
        token_type: 'Bearer',
      },
      JSON_HEADERS,
    );
    const authorize = await hop(`${server.url}/oauth/tiktok/authorize?org=${org}`, owner);
    expect(authorize.status).toBe(302);
    const providerUrl = authorize.location as URL;
    expect(providerUrl.origin + providerUrl.pathname).toBe('https://www.tiktok.com/v2/auth/authorize/');
    expect(providerUrl.searchParams.get('client_key')).toBe('awzpx1rl2tiktokkey');
    expect(providerUrl.searchParams.has('client_id')).toBe(false);
    expect(providerUrl.searchParams.get('scope')).toBe('user.info.basic,video.publish,video.upload,video.list');
    const state = providerUrl.searchParams.get('state') ?? '';
    const back = await hop(`${server.url}/oauth/callback?code=fake-tiktok-code&state=${encodeURIComponent(state)}`, owner);
    const connectionId = back.location?.searchParams.get('connection_id');
    if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);

    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ providerAccountId: OPEN_ID, status: 'active', scopes: ['user.info.basic', 'video.publish'] });
    const lifetime = new Date(connection.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(23 * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600_000);

    agent
      .get('https://open.tiktokapis.com')
      .intercept({ path: '/v2/post/publish/creator_info/query/', method: 'POST' })
      .reply(
        200,
        {
          data: {
            creator_avatar_url: 'https://p16.tiktokcdn.com/a.jpeg',
            creator_username: 'tiktok',
            creator_nickname: 'TikTok Official',
            privacy_level_options: ['SELF_ONLY'],
            comment_disabled: false,
            duet_disabled: false,
            stitch_disabled: true,
            max_video_post_duration_sec: 300,
          },
          error: { code: 'ok', message: '', log_id: '202612020300000000' },
        },
        JSON_HEADERS,
      );
    expect(ok(await owner.mutation('actions.tiktok.getCreatorInfo', { connectionId, input: {} }))).toMatchObject({
      username: 'tiktok',
      privacyLevelOptions: ['SELF_ONLY'],
    });
    const runs = ok(await owner.query('runs.list', { connectionId })).runs as { status: string; action: string; connectorId: string }[];
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'tiktok', action: 'getCreatorInfo', status: 'succeeded' })]);

    // 24 hours later: the token is refreshed before the call, and TikTok's new refresh token is kept.
    await server.db
      .updateTable('connections')
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where('id', '=', connectionId)
      .execute();
    agent
      .get('https://open.tiktokapis.com')
      .intercept({ path: '/v2/oauth/token/', method: 'POST' })
      // (Bodies sent through fetch reach MockAgent as streams; client_key in token bodies is covered in packages/auth.)
      .reply(() => {
        return {
          statusCode: 200,
          data: JSON.stringify({
            open_id: OPEN_ID,
            scope: 'user.info.basic,video.publish',
            access_token: 'act.second-access-token-after-refresh',
            expires_in: 86400,
            refresh_token: 'rft.a-new-refresh-token',
            refresh_expires_in: 31535000,
            token_type: 'Bearer',
          }),
          responseOptions: JSON_HEADERS,
        };
      });
    let sentToken: string | undefined;
    agent
      .get('https://open.tiktokapis.com')
      .intercept({ path: '/v2/post/publish/status/fetch/', method: 'POST' })
      .reply((options) => {
        const headers = options.headers as Record<string, string>;
        sentToken = headers.authorization ?? headers.Authorization;
        return {
          statusCode: 200,
          data: JSON.stringify({ data: { status: 'PUBLISH_COMPLETE' }, error: { code: 'ok', message: '', log_id: '1' } }),
          responseOptions: JSON_HEADERS,
        };
      });
    expect(
      ok(await owner.mutation('actions.tiktok.getPublishStatus', { connectionId, input: { publishId: 'v_pub_url~v2.1' } })),
    ).toMatchObject({
      status: 'PUBLISH_COMPLETE',
    });
    expect(sentToken).toBe('Bearer act.second-access-token-after-refresh');
    const refreshed = ok(await owner.query('connections.get', { id: connectionId }));
    expect(new Date(refreshed.expiresAt).getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);

    agent.get('https://open.tiktokapis.com').intercept({ path: '/v2/oauth/revoke/', method: 'POST' }).reply(200, {}, JSON_HEADERS);
    expect(ok(await owner.mutation('connections.delete', { id: connectionId }))).toMatchObject({ revokedAtProvider: true });
  });
});
