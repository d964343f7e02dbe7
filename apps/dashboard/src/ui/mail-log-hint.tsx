/**
 * @module Where a mailed link is when no mail server is set up: a server without
 * PATCHBAY_SMTP_URL (development only) writes each mail as one warning line in its log.
 */
export function MailLogHint({ email }: { email?: string | null }) {
  return (
    <p className="muted">
      No mail? A server started without <code>PATCHBAY_SMTP_URL</code> (as <code>pnpm start</code> on your own machine) sends none: it
      prints each link in its log, in the terminal it runs in. Find the line with{' '}
      <code>mail not sent (PATCHBAY_SMTP_URL unset) to {email || 'your address'}</code> and open the link it ends with (the one with{' '}
      <code>#token=</code>) in this browser.
    </p>
  );
}
