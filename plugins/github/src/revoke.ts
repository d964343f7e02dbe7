/**
 * @module Revoking on disconnect. GitHub has no RFC 7009 endpoint: an OAuth app deletes the
 * user's grant with `DELETE /applications/{client_id}/grant`, Basic `client_id:client_secret`,
 * and a JSON body `{ "access_token": … }`; 204 means done
 * (https://docs.github.com/en/rest/apps/oauth-applications#delete-an-app-authorization).
 * Deleting the grant, not only the token, removes the app from the user's authorized apps.
 */
import type { RevokeHook } from '@patchbay/sdk';
import { GITHUB_HEADERS } from './schemas.ts';

export const revokeGithubGrant: RevokeHook = async (tokens, ctx) => {
  const basic = Buffer.from(`${ctx.client.id}:${ctx.client.secret}`).toString('base64');
  const res = await ctx.http.delete(`https://api.github.com/applications/${encodeURIComponent(ctx.client.id)}/grant`, {
    headers: { ...GITHUB_HEADERS, authorization: `Basic ${basic}` },
    json: { access_token: tokens.accessToken },
  });
  return res.status === 204;
};
