import { defineConnector, oauth2 } from '@patchbay/sdk';
import { createDraft } from './actions/create-draft.ts';
import { getMessage } from './actions/get-message.ts';
import { listMessages } from './actions/list-messages.ts';
import { sendEmail } from './actions/send-email.ts';
import { gmailError } from './gmail-errors.ts';
import { newMessage } from './triggers/new-message.ts';

/**
 * Gmail through Google OAuth 2.0 for web server apps
 * (https://developers.google.com/identity/protocols/oauth2/web-server): PKCE, `access_type=offline`
 * and `prompt=consent` so Google issues a refresh token, access tokens of about an hour, and
 * revocation at https://oauth2.googleapis.com/revoke.
 */
export const gmail = defineConnector({
  id: 'gmail',
  name: 'Gmail',
  version: '0.1.0',
  description: 'Send, list, read and draft email in a Gmail or Google Workspace account.',
  auth: oauth2({
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    scopes: [
      'https://www.googleapis.com/auth/gmail.send',
      'https://www.googleapis.com/auth/gmail.readonly',
      'https://www.googleapis.com/auth/gmail.compose',
    ],
    pkce: true,
    clientAuth: 'body',
    extraAuthorizationParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    refresh: { supported: true, defaultExpiresInSeconds: 3599 },
  }),
  baseUrls: ['https://gmail.googleapis.com'],
  actions: { sendEmail, listMessages, getMessage, createDraft },
  triggers: { newMessage },
  mapError: gmailError,
  healthCheck: async (ctx) => {
    // https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/getProfile
    await ctx.http.get('/gmail/v1/users/me/profile');
  },
});

export default gmail;
