/**
 * @module Account services for tests: the development mailer (one log entry per mail, the same
 * path a server without PATCHBAY_SMTP_URL takes), kept in an outbox the test reads links from.
 */
import { type AccountMail, type AccountServices, logMailer, type Mailer, type SignupPolicy } from '@patchbay/auth';

export interface Outbox {
  mails: AccountMail[];
  /** The token in the newest mail to `to` whose link goes to `page`; waits briefly, as mail is sent without blocking the answer. */
  token(to: string, page: 'verify-email' | 'reset-password' | 'accept-invitation', except?: string): Promise<string>;
}

export interface TestAccountOptions {
  signup?: SignupPolicy;
  /** Another mailer (a real SMTP sink) instead of the outbox. */
  mailer?: Mailer;
}

export function tokenOf(link: string): string {
  const token = new URL(link).hash.match(/^#token=(.+)$/)?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return decodeURIComponent(token);
}

/** An outbox over mails collected elsewhere (a list, or a spawned server's log). */
export function outboxOf(read: () => AccountMail[]): Outbox {
  return {
    get mails() {
      return read();
    },
    async token(to, page, except) {
      for (let i = 0; i < 150; i++) {
        const mail = read().findLast((m) => m.to.toLowerCase() === to.toLowerCase() && new URL(m.link).pathname === `/${page}`);
        if (mail && tokenOf(mail.link) !== except) return tokenOf(mail.link);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no ${page} mail to ${to}`);
    },
  };
}

/** The mails a server without PATCHBAY_SMTP_URL wrote to its JSON log (stdout). */
export function logOutbox(stdout: () => string): Outbox {
  return outboxOf(() =>
    stdout()
      .split('\n')
      .filter((line) => line.includes('"mail":'))
      .map((line) => JSON.parse(line).mail as AccountMail),
  );
}

export function testAccounts(publicUrl: string, options: TestAccountOptions = {}): { services: AccountServices; outbox: Outbox } {
  const mails: AccountMail[] = [];
  const failures: unknown[] = [];
  // A failed send surfaces in the test that waits for the mail, not as an unhandled rejection.
  const outbox = outboxOf(() => {
    if (failures.length) throw failures[0];
    return mails;
  });
  return {
    services: {
      mailer: options.mailer ?? logMailer((mail) => mails.push(mail)),
      publicUrl,
      signup: options.signup ?? 'open',
      onMailError: (error) => {
        failures.push(error);
      },
    },
    outbox,
  };
}
