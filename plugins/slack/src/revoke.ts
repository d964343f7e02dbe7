/**
 * @module Revocation, Slack's way (https://docs.slack.dev/reference/methods/auth.revoke): not
 * RFC 7009. The token being revoked authenticates the call, and a failure is `ok: false` at HTTP
 * 200, so a plain revokeUrl would report every failed revocation as done (PROVIDERS.md S3).
 */
import type { RevokeHook } from '@patchbay/sdk';
import { z } from 'zod';

export const revokeSlackToken: RevokeHook = async (tokens, ctx) => {
  const res = await ctx.http.post('/auth.revoke', {
    headers: { authorization: `Bearer ${tokens.accessToken}` },
    schema: z.object({ ok: z.boolean() }),
  });
  return res.data.ok;
};
