/**
 * @module The outbound mailer for account mail (verification, password reset, invitations).
 * `PATCHBAY_SMTP_URL` (`smtp://` or `smtps://`) sends through nodemailer; without it, in
 * development, each mail becomes one log line carrying its link, so a newcomer can still sign up.
 */
import nodemailer from 'nodemailer';

/** One account mail: always a short text with exactly one link to follow. */
export interface AccountMail {
  to: string;
  subject: string;
  text: string;
  link: string;
}

export interface Mailer {
  send(mail: AccountMail): Promise<void>;
}

const TIMEOUT_MS = 15_000;

/** Reads `smtp://user:pass@host:port` or `smtps://...`; anything else is a configuration error. */
export function parseSmtpUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('PATCHBAY_SMTP_URL must be an smtp:// or smtps:// URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('PATCHBAY_SMTP_URL must be an smtp:// or smtps:// URL');
  if (!url.hostname) throw new Error('PATCHBAY_SMTP_URL names no host');
  return url;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Sends through an SMTP server; certificates are verified, and mail never reads files or URLs.
 * Account mail carries sign-in-equivalent tokens, so `smtp://` to anything but a loopback relay
 * must upgrade with STARTTLS (nodemailer refuses to send otherwise); `smtps://` is TLS from the start.
 */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = parseSmtpUrl(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    requireTLS: url.protocol === 'smtp:' && !LOOPBACK.test(url.hostname),
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}

/** Development without SMTP: hands each mail to `write`, which logs it as one line. */
export function logMailer(write: (mail: AccountMail) => void): Mailer {
  return {
    async send(mail) {
      write(mail);
    },
  };
}

/** The sender address for account mail: `no-reply@` the public host. */
export function defaultSender(publicUrl: string): string {
  return `Patchbay <no-reply@${new URL(publicUrl).hostname}>`;
}
