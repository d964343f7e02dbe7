import { isTokenResponseError } from '@patchbay/sdk';
import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { youtube } from './index.ts';

let h: Harness<typeof youtube>;
afterEach(() => h.close());

const CHANNELS = '/youtube/v3/channels?part=id%2Csnippet%2CcontentDetails&mine=true';

function afterExchange(accessToken: string) {
  const hook = youtube.auth.afterExchange;
  if (!hook) throw new Error('youtube declares no afterExchange hook');
  return h.oauthHook((ctx) =>
    hook({ accessToken, refreshToken: '1//refresh', scopes: ['https://www.googleapis.com/auth/youtube.upload'] }, ctx),
  );
}

describe('YouTube connect: the channel is captured after the code exchange', () => {
  it('asks channels.list (mine=true) with the new token and names the channel as the account', async () => {
    h = createTestHarness(youtube, { credentials: { accessToken: 'unused' } });
    h.on('GET', CHANNELS).reply(200, {
      items: [
        {
          id: 'UC_x5XG1OV2P6uZZ5FSM9Ttw',
          snippet: { title: 'Google for Developers', customUrl: '@googledevelopers' },
          contentDetails: { relatedPlaylists: { uploads: 'UU_x5XG1OV2P6uZZ5FSM9Ttw' } },
        },
      ],
    });
    const result = await afterExchange('ya29.fresh');
    expect(h.requests[0]?.headers.authorization).toBe('Bearer ya29.fresh');
    expect(result?.tokens).toMatchObject({
      accessToken: 'ya29.fresh',
      refreshToken: '1//refresh',
      providerAccountId: 'UC_x5XG1OV2P6uZZ5FSM9Ttw',
    });
    expect(result?.metadata).toEqual({
      channel: {
        id: 'UC_x5XG1OV2P6uZZ5FSM9Ttw',
        title: 'Google for Developers',
        customUrl: '@googledevelopers',
        uploadsPlaylistId: 'UU_x5XG1OV2P6uZZ5FSM9Ttw',
      },
    });
  });

  it('refuses to connect a Google account that has no YouTube channel', async () => {
    h = createTestHarness(youtube, { credentials: { accessToken: 'unused' } });
    h.on('GET', CHANNELS).reply(200, { kind: 'youtube#channelListResponse', pageInfo: { totalResults: 0 } });
    const failure = await afterExchange('ya29.fresh').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isTokenResponseError(failure) ? failure.error : failure).toBe('youtube_signup_required');
  });
});
