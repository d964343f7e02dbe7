import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { whatsapp } from './index.ts';

const TOKEN = 'EAAJB-system-user-token-0123456789';
const PHONE = '106540352242922';
const WABA = '102290129340398';
const MESSAGES = `/v25.0/${PHONE}/messages`;
const accepted = (id: string) => ({
  messaging_product: 'whatsapp',
  contacts: [{ input: '+16505551234', wa_id: '16505551234' }],
  messages: [{ id, message_status: 'accepted' }],
});
const sentAs = (id: string) => ({ messageId: id, waId: '16505551234', status: 'accepted' });

testConnector(whatsapp, {
  credentials: { accessToken: TOKEN },
  connection: { params: { phoneNumberId: PHONE, wabaId: WABA } },
  fixtures: {
    sendTemplate: {
      input: {
        to: '+16505551234',
        name: 'order_shipped',
        languageCode: 'en_US',
        components: [
          { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/box.png' } }] },
          { type: 'body', parameters: [{ type: 'text', text: 'Ada' }] },
          { type: 'button', sub_type: 'url', index: 0, parameters: [{ type: 'text', text: 'ORDER-42' }] },
        ],
      },
      setup: (h) => h.on('POST', MESSAGES).reply(200, accepted('wamid.T1')),
      check: (output, h) => {
        expect(output).toEqual(sentAs('wamid.T1'));
        const req = h.requests[0];
        expect(req?.url).toBe(`https://graph.facebook.com/v25.0/${PHONE}/messages`);
        expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(req?.headers['content-type']).toMatch(/^application\/json/);
        expect(req?.json()).toEqual({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '+16505551234',
          type: 'template',
          template: {
            name: 'order_shipped',
            language: { code: 'en_US' },
            components: [
              { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/box.png' } }] },
              { type: 'body', parameters: [{ type: 'text', text: 'Ada' }] },
              { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'ORDER-42' }] },
            ],
          },
        });
      },
    },
    sendText: {
      input: { to: '16505551234', body: 'See https://example.com', previewUrl: true, replyTo: 'wamid.IN1' },
      setup: (h) => h.on('POST', MESSAGES).reply(200, accepted('wamid.X1')),
      check: (output, h) => {
        expect(output).toEqual(sentAs('wamid.X1'));
        expect(h.requests[0]?.json()).toEqual({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '16505551234',
          type: 'text',
          text: { body: 'See https://example.com', preview_url: true },
          context: { message_id: 'wamid.IN1' },
        });
      },
    },
    sendMedia: {
      input: {
        to: '+16505551234',
        kind: 'document',
        link: 'https://cdn.example.com/invoice.pdf',
        caption: 'Invoice',
        filename: 'invoice.pdf',
      },
      setup: (h) => h.on('POST', MESSAGES).reply(200, accepted('wamid.M1')),
      check: (output, h) => {
        expect(output).toEqual(sentAs('wamid.M1'));
        expect(h.requests[0]?.json()).toEqual({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '+16505551234',
          type: 'document',
          document: { link: 'https://cdn.example.com/invoice.pdf', caption: 'Invoice', filename: 'invoice.pdf' },
        });
      },
    },
    listTemplates: {
      input: { status: 'APPROVED', limit: 2 },
      setup: (h) =>
        h
          .on(
            'GET',
            `/v25.0/${WABA}/message_templates?fields=id%2Cname%2Cstatus%2Clanguage%2Ccategory%2Ccomponents&limit=2&status=APPROVED`,
          )
          .reply(200, {
            data: [
              {
                id: '1',
                name: 'order_shipped',
                status: 'APPROVED',
                language: 'en_US',
                category: 'UTILITY',
                components: [{ type: 'BODY', text: 'Hi {{1}}' }],
              },
              { id: '2', name: 'welcome', status: 'APPROVED', language: 'fr', category: 'MARKETING', components: [] },
            ],
            paging: { cursors: { before: 'B', after: 'A2' }, next: `https://graph.facebook.com/v25.0/${WABA}/message_templates?after=A2` },
          }),
      check: (output) =>
        expect(output).toEqual({
          templates: [
            {
              id: '1',
              name: 'order_shipped',
              status: 'APPROVED',
              language: 'en_US',
              category: 'UTILITY',
              components: [{ type: 'BODY', text: 'Hi {{1}}' }],
            },
            { id: '2', name: 'welcome', status: 'APPROVED', language: 'fr', category: 'MARKETING', components: [] },
          ],
          nextCursor: 'A2',
        }),
    },
    createTemplate: {
      input: {
        name: 'order_shipped',
        languageCode: 'en_US',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Hi {{1}}, your order shipped.', example: { body_text: [['Ada']] } }],
      },
      setup: (h) =>
        h.on('POST', `/v25.0/${WABA}/message_templates`).reply(200, { id: '594425479261596', status: 'PENDING', category: 'UTILITY' }),
      check: (output, h) => {
        expect(output).toEqual({ id: '594425479261596', status: 'PENDING', category: 'UTILITY' });
        expect(h.requests[0]?.json()).toEqual({
          name: 'order_shipped',
          language: 'en_US',
          category: 'UTILITY',
          components: [{ type: 'BODY', text: 'Hi {{1}}, your order shipped.', example: { body_text: [['Ada']] } }],
        });
      },
    },
    markRead: {
      input: { messageId: 'wamid.IN1' },
      setup: (h) => h.on('POST', MESSAGES).reply(200, { success: true }),
      check: (output, h) => {
        expect(output).toEqual({ success: true });
        expect(h.requests[0]?.json()).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' });
      },
    },
  },
});
