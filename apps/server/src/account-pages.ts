/**
 * @module The pages mailed links open: `/verify-email`, `/reset-password`, `/accept-invitation`.
 * Each is static HTML whose one script reads the token from the URL fragment (never sent to any
 * server, so it stays out of logs and Referer headers) and spends it only when the person
 * presses the button (a POST to the tRPC procedure), so mail scanners that fetch links use nothing.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { escapeHtml } from './html-escape.ts';

interface AccountPage {
  title: string;
  procedure: 'auth.verifyEmail' | 'auth.resetPassword' | 'auth.acceptInvitation';
  button: string;
  done: string;
  /** Fields sent along with the token; `signIn` ones go to `auth.signIn` first. */
  fields: { name: string; label: string; type: 'email' | 'password'; signIn?: boolean }[];
}

export const ACCOUNT_PAGES: Record<string, AccountPage> = {
  '/verify-email': {
    title: 'Confirm your email address',
    procedure: 'auth.verifyEmail',
    button: 'Confirm',
    done: 'Your email address is confirmed. Sign in again to continue.',
    fields: [],
  },
  '/reset-password': {
    title: 'Choose a new password',
    procedure: 'auth.resetPassword',
    button: 'Set password',
    done: 'Your password is changed and every session was signed out. Sign in with the new password.',
    fields: [{ name: 'newPassword', label: 'New password (at least 10 characters)', type: 'password' }],
  },
  '/accept-invitation': {
    title: 'Accept the invitation',
    procedure: 'auth.acceptInvitation',
    button: 'Sign in and accept',
    done: 'You joined the organization.',
    fields: [
      { name: 'email', label: 'Email (the invited address)', type: 'email', signIn: true },
      { name: 'password', label: 'Password', type: 'password', signIn: true },
    ],
  },
};

// One script for every page; it reads what to do from the form's data attributes.
const SCRIPT = `
const form = document.querySelector('form');
const out = document.querySelector('output');
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
if (!token) out.textContent = 'This link has no token; open the link from the mail again.';
async function call(procedure, input) {
  const res = await fetch('/trpc/' + procedure, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-patchbay-csrf': '1' }, body: JSON.stringify(input) });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((body.error && body.error.message) || 'Request failed (' + res.status + ')');
}
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = Object.fromEntries(new FormData(form));
  form.querySelector('button').disabled = true;
  try {
    if (values.email) await call('auth.signIn', { email: values.email, password: values.password });
    const input = { token };
    if (values.newPassword) input.newPassword = values.newPassword;
    await call(form.dataset.procedure, input);
    out.textContent = form.dataset.done;
  } catch (error) {
    out.textContent = error.message;
    form.querySelector('button').disabled = false;
  }
});`;
const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');

export function renderAccountPage(page: AccountPage): string {
  const fields = page.fields
    .map((f) => `<p><label>${escapeHtml(f.label)}<br><input name="${f.name}" type="${f.type}" required></label></p>`)
    .join('');
  return (
    `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Patchbay: ${escapeHtml(page.title)}</title>` +
    `<h1>${escapeHtml(page.title)}</h1>` +
    `<form data-procedure="${page.procedure}" data-done="${escapeHtml(page.done)}">${fields}<button type="submit">${escapeHtml(page.button)}</button></form>` +
    `<p><output></output></p><script>${SCRIPT}</script>`
  );
}

export function accountPageRoutes() {
  const app = new Hono();
  for (const [path, page] of Object.entries(ACCOUNT_PAGES)) {
    const html = renderAccountPage(page);
    app.get(path, (c) => {
      c.header('cache-control', 'no-store');
      c.header('referrer-policy', 'no-referrer');
      c.header(
        'content-security-policy',
        `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'`,
      );
      return c.html(html);
    });
  }
  return app;
}
