/**
 * @module Google OAuth 2.0 for web server apps, as Gmail does it
 * (https://developers.google.com/identity/protocols/oauth2/web-server): PKCE, `access_type=offline`
 * and `prompt=consent` so Google issues a refresh token, revocation at oauth2.googleapis.com.
 * A grant belongs to one channel (Google's chooser picks a brand channel during consent), so the
 * channel is read once after the exchange and becomes the connection's account id.
 */
import { oauth2, TokenResponseError } from '@patchbay/sdk';
import { z } from 'zod';
import { SCOPES } from './schemas.ts';

const myChannel = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ title: z.string().optional(), customUrl: z.string().optional() }).optional(),
        contentDetails: z.object({ relatedPlaylists: z.object({ uploads: z.string().optional() }) }).optional(),
      }),
    )
    .optional(),
});

export const youtubeAuth = oauth2({
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  scopes: [SCOPES.upload, SCOPES.readonly, SCOPES.forceSsl],
  pkce: true,
  clientAuth: 'body',
  extraAuthorizationParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  refresh: { supported: true, defaultExpiresInSeconds: 3599 },
  // Reference: https://developers.google.com/youtube/v3/docs/channels/list (mine=true)
  afterExchange: async (tokens, ctx) => {
    const res = await ctx.http.get('/youtube/v3/channels', {
      query: { part: 'id,snippet,contentDetails', mine: 'true' },
      headers: { authorization: `Bearer ${tokens.accessToken}` },
      schema: myChannel,
    });
    const channel = res.data.items?.[0];
    // A Google account without a channel can use none of the actions: say so at connect time.
    if (!channel) throw new TokenResponseError('youtube_signup_required');
    return {
      tokens: { ...tokens, providerAccountId: channel.id },
      metadata: {
        channel: {
          id: channel.id,
          title: channel.snippet?.title ?? null,
          customUrl: channel.snippet?.customUrl ?? null,
          uploadsPlaylistId: channel.contentDetails?.relatedPlaylists.uploads ?? null,
        },
      },
    };
  },
});
