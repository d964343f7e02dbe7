import { defineConnector } from '@patchbay/sdk';
import { createDraft } from './actions/create-draft.ts';
import { getMessage } from './actions/get-message.ts';
import { listMessages } from './actions/list-messages.ts';
import { sendEmail } from './actions/send-email.ts';
import { GMAIL_SCOPES, gmailAuth } from './gmail-auth.ts';
import { gmailError } from './gmail-errors.ts';
import { newMessage } from './triggers/new-message.ts';

/** Gmail with Google OAuth (gmail-auth.ts); `gmailSend` is the send-only profile (send-only.ts). */
export const gmail = defineConnector({
  id: 'gmail',
  name: 'Gmail',
  version: '0.1.0',
  description: 'Send, list, read and draft email in a Gmail or Google Workspace account.',
  auth: gmailAuth([GMAIL_SCOPES.send, GMAIL_SCOPES.readonly, GMAIL_SCOPES.compose]),
  baseUrls: ['https://gmail.googleapis.com'],
  actions: { sendEmail, listMessages, getMessage, createDraft },
  triggers: { newMessage },
  mapError: gmailError,
  healthCheck: async (ctx) => {
    // https://developers.google.com/workspace/gmail/api/reference/rest/v1/users/getProfile
    await ctx.http.get('/gmail/v1/users/me/profile');
  },
});

export { gmailSend } from './send-only.ts';
export default gmail;
