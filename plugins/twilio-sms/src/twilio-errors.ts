/**
 * @module Twilio errors (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions):
 * JSON `{ code, message, more_info, status }`, `code` from Twilio's error dictionary
 * (https://www.twilio.com/docs/api/errors): 20003 authentication failed, 20404 not found,
 * 20429 too many requests, 21211 invalid To, 21606 a From that cannot send to this destination, ...
 */
import { mapErrorsFrom, readPath } from '@patchbay/sdk';

/** The input field a validation code points at (send-sms input names). */
const FIELDS: Record<string, string> = {
  21211: 'to', // Invalid 'To' Phone Number
  21265: 'to', // 'To' number cannot be a Short Code
  21604: 'to', // 'To' phone number is required
  21610: 'to', // Attempt to send to unsubscribed recipient
  21614: 'to', // 'To' number is not a valid mobile number
  21212: 'from', // Invalid 'From' Phone Number
  21602: 'body', // Message body is required
  21603: 'from', // 'From' phone number is required
  21606: 'from', // The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination
  21617: 'body', // The concatenated message body exceeds the 1600 character limit
  21659: 'from', // 'From' is not a Twilio phone number or short code country mismatch
  21703: 'messagingServiceSid', // The Messaging Service does not have a phone number available
};

export const twilioError = mapErrorsFrom({
  provider: 'Twilio',
  code: 'code',
  message: 'message',
  codes: {
    20003: 'AUTH_INVALID', // Authentication Error
    20404: 'NOT_FOUND', // The requested resource was not found
    20429: 'RATE_LIMITED', // Too Many Requests
  },
  byStatus: { 401: 'AUTH_INVALID', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND', 409: 'CONFLICT', 429: 'RATE_LIMITED' },
  otherwise: 'INVALID_INPUT',
  verbs: { RATE_LIMITED: 'refused' },
  field: ({ body }) => FIELDS[String(readPath(body, 'code'))],
  detail: ({ providerCode }) => providerCode,
});
