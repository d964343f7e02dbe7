import { basic, defineActionFor } from '@patchbay/sdk';
import { z } from 'zod';

export const smtpFields = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(587),
  security: z
    .enum(['tls', 'starttls', 'none'])
    .default('starttls')
    .describe('tls: implicit TLS (465); starttls: required upgrade (587); none: plain'),
  username: z.string().min(1),
  password: z.string().min(1),
  from: z.string().min(3).max(320).optional().describe('Default sender, e.g. "Acme <no-reply@acme.com>"'),
});

export type SmtpCredentials = z.output<typeof smtpFields>;

/** SMTP logs in itself (nodemailer): nothing goes on an HTTP request, the fields only validate. */
export const smtpAuth = basic({ fields: smtpFields, apply: () => {} });

/** Actions see the parsed fields, defaults applied (`port` 587, `security` starttls). */
export const defineSmtpAction = defineActionFor(smtpAuth);
