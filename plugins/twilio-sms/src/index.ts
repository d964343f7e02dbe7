import { defineConnector } from '@patchbay/sdk';
import { getMessage } from './actions/get-message.ts';
import { sendSms } from './actions/send-sms.ts';
import { twilioAuth } from './auth.ts';
import { accountPath } from './message.ts';
import { incomingMessage } from './triggers/incoming-message.ts';
import { messageStatus } from './triggers/message-status.ts';
import { twilioError } from './twilio-errors.ts';

/**
 * Twilio Programmable Messaging with the account's credentials
 * (https://www.twilio.com/docs/usage/requests-to-twilio#authenticate-with-http): HTTP Basic with
 * the Account SID as user name and the auth token as password. Bodies are form-encoded with
 * Twilio's PascalCase names; responses are JSON.
 */
export const twilioSms = defineConnector({
  id: 'twilio-sms',
  name: 'Twilio SMS',
  version: '0.1.0',
  description: 'Send SMS messages through Twilio and read their delivery status.',
  auth: twilioAuth,
  baseUrls: ['https://api.twilio.com'],
  actions: { sendSms, getMessage },
  triggers: { incomingMessage, messageStatus },
  mapError: twilioError,
  healthCheck: async (ctx) => {
    // https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource
    await ctx.http.get(`${accountPath(ctx.credentials)}.json`);
  },
});

export default twilioSms;
export { signTwilioRequest, twilioSignature } from './triggers/signature.ts';
