/**
 * Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/messages/image-messages (and
 * the document, video, audio and sticker pages beside it). By `link`, a URL Meta fetches itself
 * (it must be public), or by the `id` of media uploaded to `/{phone-number-id}/media`.
 */
import { z } from 'zod';
import { defineWhatsAppAction } from '../auth.ts';
import { recipient, sendMessage, sent } from '../send.ts';

export const sendMedia = defineWhatsAppAction({
  description: 'Send an image, document, video, audio or sticker, by public link or uploaded media id',
  input: z
    .object({
      to: recipient,
      kind: z.enum(['image', 'document', 'video', 'audio', 'sticker']),
      link: z.url({ protocol: /^https$/ }).optional(),
      mediaId: z.string().regex(/^\d+$/).optional(),
      caption: z.string().min(1).max(1024).optional(),
      filename: z.string().min(1).max(240).optional(),
      replyTo: z.string().min(1).optional(),
    })
    .refine((m) => (m.link === undefined) !== (m.mediaId === undefined), { message: 'give exactly one of link or mediaId', path: ['link'] })
    .refine((m) => m.caption === undefined || !['audio', 'sticker'].includes(m.kind), {
      message: 'audio and stickers take no caption',
      path: ['caption'],
    })
    .refine((m) => m.filename === undefined || m.kind === 'document', { message: 'only documents have a filename', path: ['filename'] }),
  output: sent,
  run: (input, ctx) =>
    sendMessage(ctx, input.to, {
      type: input.kind,
      [input.kind]: {
        ...(input.link ? { link: input.link } : { id: input.mediaId }),
        ...(input.caption ? { caption: input.caption } : {}),
        ...(input.filename ? { filename: input.filename } : {}),
      },
      ...(input.replyTo ? { context: { message_id: input.replyTo } } : {}),
    }),
});
