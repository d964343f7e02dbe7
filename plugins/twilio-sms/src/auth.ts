/**
 * @module Twilio's account credentials (https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http):
 * HTTP Basic with the Account SID as user name and the auth token as password. Actions are
 * declared with `defineTwilioAction`, so `ctx.credentials.accountSid` is a typed string.
 */
import { basic, defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';
import { base64Ascii } from './basic-auth.ts';

export const twilioAuth = basic({
  fields: z.object({
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio Account SID (AC followed by 32 hex digits)'),
    authToken: z.string().regex(/^[\x21-\x7e]{16,}$/, 'a Twilio auth token'),
  }),
  apply: (credentials, request) => {
    request.headers.authorization = `Basic ${base64Ascii(`${credentials.accountSid}:${credentials.authToken}`)}`;
  },
});

export const defineTwilioAction = defineActionFor(twilioAuth);
