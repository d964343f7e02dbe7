/**
 * @module The server's account services: mail through PATCHBAY_SMTP_URL, or (development only,
 * enforced by config.ts) one log line per mail with its link, so a local sign-up can be finished
 * by copying the link from the terminal.
 */
import { type AccountServices, defaultSender, logMailer, smtpMailer } from '@patchbay/auth';
import { ConfigError, type ServerConfig } from './config.ts';
import type { Logger } from './logger.ts';

export function accountServices(config: ServerConfig, logger: Logger, publicUrl: string): AccountServices {
  const mailer = config.smtpUrl
    ? smtpMailer(config.smtpUrl, defaultSender(publicUrl))
    : // A warning, not info: the mail was not sent, and the line must show at the usual LOG_LEVEL=warn.
      logMailer((mail) =>
        logger.warn(
          { mail: { to: mail.to, subject: mail.subject, link: mail.link } },
          `mail not sent (PATCHBAY_SMTP_URL unset) to ${mail.to}: ${mail.link}`,
        ),
      );
  return {
    mailer,
    publicUrl,
    signup: config.signup,
    // The error's message only: nodemailer errors can carry the server's reply, never our link.
    onMailError: (error, mail) =>
      logger.error({ mail, error: error instanceof Error ? error.message : String(error) }, 'account mail could not be sent'),
  };
}

/** The server sends account mail; in production, logging it instead would lose it, so it does not start. */
export function assertMailConfigured(config: ServerConfig): void {
  if (config.production && !config.smtpUrl) {
    throw new ConfigError(
      'PATCHBAY_SMTP_URL is required in production: sign-up verification, password reset and invitations send mail (e.g. smtps://user:pass@smtp.example.com)',
    );
  }
}
