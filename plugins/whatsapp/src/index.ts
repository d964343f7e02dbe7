import { defineConnector } from '@patchbay/sdk';
import { createTemplate } from './actions/create-template.ts';
import { listTemplates } from './actions/list-templates.ts';
import { markRead } from './actions/mark-read.ts';
import { sendMedia } from './actions/send-media.ts';
import { sendTemplate } from './actions/send-template.ts';
import { sendText } from './actions/send-text.ts';
import { whatsappAuth, whatsappParams } from './auth.ts';
import { graphPath } from './graph.ts';
import { whatsappError } from './graph-errors.ts';
import { message } from './triggers/message.ts';

/** WhatsApp Cloud API (https://developers.facebook.com/docs/whatsapp/cloud-api) for a business's own number. */
export const whatsapp = defineConnector({
  id: 'whatsapp',
  name: 'WhatsApp',
  version: '0.1.0',
  description: 'Send WhatsApp template, text and media messages, manage templates and read receipts with the Cloud API.',
  auth: whatsappAuth,
  connectionParams: whatsappParams,
  baseUrls: ['https://graph.facebook.com'],
  actions: { sendTemplate, sendText, sendMedia, listTemplates, createTemplate, markRead },
  triggers: { message },
  mapError: whatsappError,
  healthCheck: async (ctx) => {
    // https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account-to-number-current-status/
    await ctx.http.get(graphPath(ctx.connection.params.phoneNumberId), {
      query: { fields: 'display_phone_number,verified_name,quality_rating' },
    });
  },
});

export default whatsapp;
