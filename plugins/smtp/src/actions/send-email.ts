import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { defineSmtpAction } from '../credentials.ts';
import { createTransport, smtpError } from '../transport.ts';

const address = z.email();

/**
 * Sends one message over SMTP (RFC 5321) with nodemailer, which builds the RFC 5322 message.
 * Reference: https://nodemailer.com/message/ and https://nodemailer.com/smtp/
 */
export const sendEmail = defineSmtpAction({
  description: 'Send an email through the connected SMTP server',
  input: z
    .object({
      from: z.string().min(3).max(320).optional().describe('Defaults to the connection\'s "from"'),
      to: z.array(address).min(1).max(100),
      cc: z.array(address).max(100).optional(),
      bcc: z.array(address).max(100).optional(),
      replyTo: address.optional(),
      subject: z.string().max(998),
      text: z.string().optional(),
      html: z.string().optional(),
      attachments: z
        .array(z.object({ filename: z.string().min(1).max(255), contentType: z.string().min(3), contentBase64: z.string().min(1) }))
        .max(20)
        .optional(),
    })
    .refine((m) => m.text !== undefined || m.html !== undefined, { message: 'give text, html or both', path: ['text'] }),
  output: z.object({ messageId: z.string(), accepted: z.array(z.string()), rejected: z.array(z.string()), response: z.string() }),
  retry: false,
  run: async (input, ctx) => {
    const { credentials } = ctx;
    const from = input.from ?? credentials.from ?? credentials.username;
    const transport = await createTransport(credentials);
    try {
      const info = await transport.sendMail({
        from,
        to: input.to,
        cc: input.cc,
        bcc: input.bcc,
        replyTo: input.replyTo,
        subject: input.subject,
        text: input.text,
        html: input.html,
        attachments: input.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.contentBase64,
          encoding: 'base64',
        })),
        ...(ctx.idempotencyKey ? { headers: { 'X-Patchbay-Idempotency-Key': ctx.idempotencyKey } } : {}),
      });
      ctx.log.info('sent', { messageId: info.messageId, accepted: info.accepted.length });
      return {
        messageId: info.messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        // The reply code only: the server's own text stays out of what callers see.
        response: /^\d{3}/.exec(info.response)?.[0] ?? '',
      };
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      throw smtpError(error);
    } finally {
      transport.close();
    }
  },
});
