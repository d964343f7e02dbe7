/**
 * YouTube end to end through the real server: connect (Google's token endpoint and the
 * channels.list call made after the exchange faked at the HTTP layer with undici's MockAgent),
 * run getVideos, read the run record; then a used-up daily quota, which fails at once with the
 * wait until midnight Pacific time. Only Google is faked; server, database and OAuth are ours.
 */
import youtube from '@patchbay/connector-youtube';
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
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
const CHANNEL = 'UC_x5XG1OV2P6uZZ5FSM9Ttw';
const VIDEO = 'dQw4w9WgXcQ';
const channelAsks: (string | undefined)[] = [];

beforeAll(async () => {
  e2e = await startProviderE2E({ connectors: [youtube], email: `yt-e2e-${Date.now()}@example.com`, orgName: 'YouTube E2E' });
  ({ server, owner, org, agent } = e2e);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'youtube', clientId: 'yt-client-id', clientSecret: 'yt-client-secret' }));
});
afterAll(() => e2e?.close());

const google = () => agent.get('https://www.googleapis.com');

async function connect(): Promise<{ connectionId: string; providerUrl: URL }> {
  agent.get('https://oauth2.googleapis.com').intercept({ path: '/token', method: 'POST' }).reply(
    200,
    {
      access_token: 'ya29.a0AfB_byC-fake-youtube-access',
      expires_in: 3599,
      refresh_token: '1//0gfake-youtube-refresh',
      scope:
        'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly https://www.googleapis.com/auth/youtube.force-ssl',
      token_type: 'Bearer',
    },
    JSON_HEADERS,
  );
  google()
    .intercept({ path: (path) => path.startsWith('/youtube/v3/channels?') && path.includes('mine=true'), method: 'GET' })
    .reply((options) => {
      const headers = options.headers as Record<string, string>;
      channelAsks.push(headers.authorization ?? headers.Authorization);
      return {
        statusCode: 200,
        data: JSON.stringify({
          items: [
            {
              id: CHANNEL,
              snippet: { title: 'Google for Developers', customUrl: '@googledevelopers' },
              contentDetails: { relatedPlaylists: { uploads: 'UU_x5XG1OV2P6uZZ5FSM9Ttw' } },
            },
          ],
        }),
        responseOptions: JSON_HEADERS,
      };
    });
  const authorize = await hop(`${server.url}/oauth/youtube/authorize?org=${org}`, owner);
  expect(authorize.status).toBe(302);
  const providerUrl = authorize.location as URL;
  const state = providerUrl.searchParams.get('state') ?? '';
  const back = await hop(`${server.url}/oauth/callback?code=fake-youtube-code&state=${encodeURIComponent(state)}`, owner);
  const connectionId = back.location?.searchParams.get('connection_id');
  if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);
  return { connectionId, providerUrl };
}

describe('youtube end to end through the server', () => {
  it('connects with offline access, names the channel as the account, runs getVideos and records the run', async () => {
    const { connectionId, providerUrl } = await connect();
    expect(providerUrl.origin + providerUrl.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(providerUrl.searchParams)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
    });
    expect(providerUrl.searchParams.get('scope')?.split(' ')).toContain('https://www.googleapis.com/auth/youtube.upload');
    expect(channelAsks).toEqual(['Bearer ya29.a0AfB_byC-fake-youtube-access']);
    const connection = ok(await owner.query('connections.get', { id: connectionId }));
    expect(connection).toMatchObject({ providerAccountId: CHANNEL, status: 'active' });
    expect(connection.metadata).toMatchObject({
      channel: { id: CHANNEL, title: 'Google for Developers', uploadsPlaylistId: 'UU_x5XG1OV2P6uZZ5FSM9Ttw' },
    });

    google()
      .intercept({ path: `/youtube/v3/videos?part=snippet%2Cstatistics%2Cstatus&id=${VIDEO}&maxResults=50`, method: 'GET' })
      .reply(
        200,
        {
          items: [
            {
              id: VIDEO,
              snippet: { title: 'Never', channelId: CHANNEL },
              statistics: { viewCount: '42', likeCount: '7', commentCount: '1' },
            },
          ],
        },
        JSON_HEADERS,
      );
    const out = ok(await owner.mutation('actions.youtube.getVideos', { connectionId, input: { ids: [VIDEO] } }));
    expect(out.videos[0]).toMatchObject({ id: VIDEO, title: 'Never', viewCount: 42, likeCount: 7, commentCount: 1 });
    expect(out.missing).toEqual([]);

    const { runs } = ok(await owner.query('runs.list', { connectionId }));
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'youtube', action: 'getVideos', status: 'succeeded' })]);
    const run = ok(await owner.query('runs.get', { id: runs[0].id }));
    expect(run.attempts).toHaveLength(1);
    expect(JSON.stringify(run)).not.toContain('ya29.a0AfB_byC-fake-youtube-access');
  });

  it('a used-up daily quota fails at once as RATE_LIMITED, recorded with one attempt', async () => {
    const { connectionId } = await connect();
    google()
      .intercept({ path: (path) => path.startsWith('/youtube/v3/videos?'), method: 'GET' })
      .reply(
        403,
        {
          error: {
            code: 403,
            message: 'The request cannot be completed because you have exceeded your quota.',
            errors: [{ domain: 'youtube.quota', reason: 'quotaExceeded' }],
          },
        },
        JSON_HEADERS,
      );
    const refused = await owner.mutation('actions.youtube.getVideos', { connectionId, input: { ids: [VIDEO] } });
    expect(refused.body.error?.data).toMatchObject({ reason: 'RATE_LIMITED' });
    // Until midnight Pacific: more than the SDK's 10 s cap, at most a 25-hour day.
    expect(refused.body.error?.data.retryAfterMs).toBeGreaterThan(10_000);
    expect(refused.body.error?.data.retryAfterMs).toBeLessThanOrEqual(25 * 3600 * 1000);
    const { runs } = ok(await owner.query('runs.list', { connectionId }));
    const run = ok(await owner.query('runs.get', { id: runs[0].id }));
    expect(run).toMatchObject({ status: 'failed', error: { code: 'RATE_LIMITED' } });
    expect(run.attempts).toHaveLength(1);
  });
});
