import { basic, defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';

/**
 * `security: 'none'` turns TLS off entirely, so the login (AUTH PLAIN/LOGIN: the password in
 * base64) crosses the network in clear, even to a server that offers STARTTLS. That is refused
 * unless the connection says so with `allowPlaintextLogin` (a relay on a trusted network).
 */
export const smtpFields = z
  .object({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(587),
    security: z
      .enum(['tls', 'starttls', 'none'])
      .default('starttls')
      .describe('tls: implicit TLS (465); starttls: required upgrade (587); none: plain'),
    username: z.string().min(1),
    password: z.string().min(1),
    from: z.string().min(3).max(320).optional().describe('Default sender, e.g. "Acme <no-reply@acme.com>"'),
    allowPlaintextLogin: z
      .boolean()
      .default(false)
      .describe('With security none, send the password without TLS anyway (only for a relay on a trusted network)'),
  })
  .refine((c) => c.security !== 'none' || c.allowPlaintextLogin, {
    path: ['security'],
    message: "security 'none' would send the password in clear: use starttls or tls, or set allowPlaintextLogin",
  });

export type SmtpCredentials = z.output<typeof smtpFields>;

/** SMTP logs in itself (nodemailer): nothing goes on an HTTP request, the fields only validate. */
export const smtpAuth = basic({ fields: smtpFields, apply: () => {} });

/** Actions see the parsed fields, defaults applied (`port` 587, `security` starttls). */
export const defineSmtpAction = defineActionFor(smtpAuth);
