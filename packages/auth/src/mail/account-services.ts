/**
 * @module What account flows need from the deployment: the mailer, the public base URL their
 * links are built on, and the sign-up policy. The server builds one from its configuration.
 */
import type { AccountMail, Mailer } from './mailer.ts';

/** `open`: anyone may sign up; `invite`: only with an invitation link; `closed`: nobody. The first account is always allowed. */
export type SignupPolicy = 'open' | 'invite' | 'closed';

export interface AccountServices {
  mailer: Mailer;
  /** Base of the links mailed out (PATCHBAY_PUBLIC_URL, or the listening address). */
  publicUrl: string;
  signup: SignupPolicy;
  /** Told when a mail could not be sent; never sees the link, which carries a token. */
  onMailError(error: unknown, mail: { to: string; subject: string }): void;
}

/**
 * A link to a page of the app carrying a token. The token goes in the fragment, which browsers
 * never send to a server, so it stays out of access logs and Referer headers.
 */
export function accountLink(services: AccountServices, page: string, token: string): string {
  return `${services.publicUrl.replace(/\/+$/, '')}/${page}#token=${encodeURIComponent(token)}`;
}

/**
 * Sends without waiting. Callers answer the same whether or not a mail went out (an unknown
 * email gets none), so neither the answer nor its timing may depend on the SMTP round trip.
 */
export function deliver(services: AccountServices, mail: AccountMail): void {
  services.mailer.send(mail).catch((error: unknown) => services.onMailError(error, { to: mail.to, subject: mail.subject }));
}
