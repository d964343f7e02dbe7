/**
 * @module Twilio's credentials (https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http):
 * HTTP Basic, either with an API key (user `SK…`, password the key's secret), which Twilio
 * recommends for production because it can be revoked alone and scoped, or with the Account SID
 * and auth token (full access to the account). The Account SID is always needed: it is in every
 * path. Webhook signatures (the triggers) are made with the auth token only, never a key secret.
 * Actions are declared with `defineTwilioAction`, so `ctx.credentials` is typed.
 */
import { basic, ConnectorError, defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { base64Ascii } from './basic-auth.ts';

export const twilioAuth = basic({
  fields: z
    .object({
      accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio Account SID (AC followed by 32 hex digits)'),
      authToken: z
        .string()
        .regex(/^[\x21-\x7e]{16,}$/, 'a Twilio auth token')
        .optional()
        .describe('Needed without an API key, and for the triggers (Twilio signs webhooks with it)'),
      apiKeySid: z
        .string()
        .regex(/^SK[0-9a-fA-F]{32}$/, 'a Twilio API key SID (SK followed by 32 hex digits)')
        .optional(),
      apiKeySecret: z
        .string()
        .regex(/^[\x21-\x7e]{16,}$/, 'a Twilio API key secret')
        .optional(),
    })
    .refine((c) => (c.apiKeySid === undefined) === (c.apiKeySecret === undefined), {
      path: ['apiKeySecret'],
      message: 'an API key needs both its SID and its secret',
    })
    .refine((c) => c.apiKeySid !== undefined || c.authToken !== undefined, {
      path: ['authToken'],
      message: 'give an API key (apiKeySid and apiKeySecret) or the auth token',
    }),
  apply: (credentials, request) => {
    const [user, password] =
      credentials.apiKeySid && credentials.apiKeySecret
        ? [credentials.apiKeySid, credentials.apiKeySecret]
        : [credentials.accountSid, credentials.authToken ?? ''];
    request.headers.authorization = `Basic ${base64Ascii(`${user}:${password}`)}`;
  },
});

/** The auth token a trigger verifies Twilio's signatures with; an API key cannot sign webhooks. */
export function signingToken(raw: unknown): string {
  const { authToken } = twilioAuth.fields.parse(raw);
  if (authToken === undefined)
    throw new ConnectorError(
      'INVALID_INPUT',
      'Twilio signs webhooks with the account auth token: add authToken to this connection to receive events',
      { path: 'authToken' },
    );
  return authToken;
}

export const defineTwilioAction = defineActionFor(twilioAuth);
