/**
 * @module A business's own WhatsApp number through the Cloud API: a System User access token from
 * Business Manager (it can be set never to expire), and the phone number and WhatsApp Business
 * Account ids it acts for (https://developers.facebook.com/docs/whatsapp/cloud-api/get-started).
 * The ids are parameters, not secrets: they are shown on the connection; the token is sealed.
 */
import { apiKey, defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';

export const whatsappAuth = apiKey({
  fields: z.object({ accessToken: z.string().trim().min(20, 'a System User access token') }),
  apply: (credentials, request) => {
    request.headers.authorization = `Bearer ${credentials.accessToken}`;
  },
});

const graphId = z
  .string()
  .trim()
  .regex(/^\d{5,20}$/, 'a numeric Graph id');

export const whatsappParams = z.object({
  phoneNumberId: graphId.describe('Phone number id (WhatsApp Manager > Phone numbers), the sender'),
  wabaId: graphId.describe('WhatsApp Business Account id, which owns the message templates'),
});

export const defineWhatsAppAction = defineActionFor(whatsappAuth, { params: whatsappParams });
