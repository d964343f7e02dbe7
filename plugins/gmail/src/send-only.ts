/**
 * @module The send-only profile: `sendEmail` with the `gmail.send` scope alone. `gmail.readonly`
 * and `gmail.compose` are Google *restricted* scopes (verification plus a yearly security
 * assessment for external apps); `gmail.send` is only *sensitive* (verification, no assessment).
 * Operators who only send mail install this connector instead of `gmail`. Replies then need
 * `inReplyTo` (reading the thread to find it would need gmail.readonly).
 */
import { defineConnector } from '@patchbay/sdk';
import { sendEmail } from './actions/send-email.ts';
import { GMAIL_SCOPES, gmailAuth } from './gmail-auth.ts';
import { gmailError } from './gmail-errors.ts';

export const gmailSend = defineConnector({
  id: 'gmail-send',
  name: 'Gmail (send only)',
  version: '0.1.0',
  description: 'Send email from a Gmail or Google Workspace account, with the gmail.send scope only.',
  auth: gmailAuth([GMAIL_SCOPES.send]),
  baseUrls: ['https://gmail.googleapis.com'],
  actions: { sendEmail },
  mapError: gmailError,
});
