/**
 * The dashboard's connect and account flows in real Chromium against the real server: connect an
 * API-key account and an OAuth account (oauth2-mock-server as the provider) from the Connect page
 * through the server's connect page, back on the new connection's page; re-authorize the OAuth
 * one in place; reset a forgotten password from the mailed link; and join an organization from an
 * invitation by signing up on the link's page. Every page visited passes axe-core (no serious or
 * critical violation) and nothing trips a Content-Security-Policy.
 */
import { DASHBOARD_DIST, ensureDashboardBuilt } from '@patchbay/dashboard/build';
import { sql } from 'kysely';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAxeViolations } from './testing/browser.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { BASIC_SECRET, BASIC_USER, keyAccounts, startBasicUpstream } from './testing/fixtures/basic-connectors.ts';
import { errorCode, HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const PASSWORD = 'a long unusual phrase';
const uniq = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
let provider: FakeProvider;
let basicUpstream: { url: string; close(): Promise<void> };
let server: TestServer;
let browser: Browser;
let owner: HttpSession;
let ownerEmail: string;
let org: string;
const cspViolations: string[] = [];
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return page;
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const authorizationCodes = () => provider.tokenRequests.filter((r) => r.grantType === 'authorization_code').length;

beforeAll(async () => {
  await ensureDashboardBuilt();
  provider = await startFakeProvider();
  basicUpstream = await startBasicUpstream();
  server = await startTestServer({
    connectors: [acmeKey(provider), acmeOAuth(provider), keyAccounts(basicUpstream.url)],
    dashboardDir: DASHBOARD_DIST,
  });
  browser = await launchChromium();
  owner = new HttpSession(server.url);
  ownerEmail = `owner-${uniq()}@example.com`;
  await signUpVerified(owner, server.outbox, ownerEmail);
  org = ok(await owner.mutation('orgs.create', { name: 'Connect Co' })).id as string;
  owner = owner.withOrg(org);
  ok(await owner.mutation('oauthApps.set', { connectorId: 'acme-oauth', clientId: 'patchbay-client', clientSecret: 'acme-client-secret' }));
}, 180_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
  await provider?.stop();
  await basicUpstream?.close();
});

describe('connecting from the dashboard in Chromium', () => {
  it('connects an API-key account through the connect page and lands on the new connection', { timeout: 120_000 }, async () => {
    const page = await newPage();
    await signIn(page, ownerEmail, PASSWORD);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await page.getByRole('link', { name: 'Connect an account' }).first().click();
    await page.getByRole('heading', { name: 'Connect an account' }).waitFor();
    await expectAccessible(page, 'connect (choose a connector)');
    await page.getByRole('radio', { name: /Acme \(API key\)/ }).check();
    await page.getByLabel('End user (optional: the id of your own user this account belongs to)').fill('user-42');
    await page.getByRole('button', { name: 'Continue to connect Acme (API key)' }).click();

    // The server's connect page, from the connector's credential schema.
    await page.getByRole('heading', { name: 'Connect your Acme (API key) account' }).waitFor();
    await expectAccessible(page, 'connect page (API key)');
    await page.getByLabel(/api key/i).fill('wrong-key-000');
    await page.getByRole('button', { name: 'Connect Acme (API key)' }).click();
    await page.getByText('did not accept these credentials').waitFor();
    await page.getByLabel(/api key/i).fill(GOOD_API_KEY);
    await page.getByRole('button', { name: 'Connect Acme (API key)' }).click();

    await page.getByText('Connected. The connection is ready for actions.').waitFor();
    const id = /^\/connections\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1] ?? '';
    const made = ok(await owner.query('connections.get', { id }));
    expect(made).toMatchObject({ connectorId: 'acme-key', status: 'active', endUserId: 'user-42' });
    expect(await page.getByText('user-42').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'connection (new)');
    // Readable on a phone: nothing wider than the screen outside the scrollable tables.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'connection at 390 px');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: /^Test / }).click();
    await page.getByText('Test passed').waitFor();

    // The connection's page leads to Try an action with the connection chosen, and back.
    await page.getByRole('link', { name: 'Try an action on it' }).click();
    await page.getByRole('heading', { name: 'Try an action' }).waitFor();
    await expect.poll(() => page.getByLabel('Connection').inputValue()).toBe(id);
    await page.goBack();

    // The list filters by end user, and the row leads back to the connection's page.
    await page.getByRole('link', { name: '← Connections' }).click();
    await page.getByLabel('End user').fill('user-42');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByLabel('End user').fill('nobody-here');
    await page.getByText('No connection matches these filters.').waitFor();
    await expectAccessible(page, 'connections filtered by end user');
    expect(cspViolations).toEqual([]);
  });

  it('connects an OAuth account against oauth2-mock-server, then re-authorizes the same connection', { timeout: 120_000 }, async () => {
    const page = await newPage();
    await signIn(page, ownerEmail, PASSWORD);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.goto(`${server.url}/connections/new?connector=acme-oauth`);
    expect(await page.getByRole('radio', { name: /Acme \(OAuth\)/ }).isChecked()).toBe(true);
    const codesBefore = authorizationCodes();
    await page.getByRole('button', { name: 'Continue to connect Acme (OAuth)' }).click();
    await page.getByRole('heading', { name: 'Connect your Acme (OAuth) account' }).waitFor();
    await expectAccessible(page, 'connect page (OAuth)');
    await page.getByRole('button', { name: 'Continue to Acme (OAuth)' }).click();

    await page.getByText('Connected. The connection is ready for actions.').waitFor();
    const path = new URL(page.url()).pathname;
    const id = /^\/connections\/([0-9a-f-]{36})$/.exec(path)?.[1] ?? '';
    expect(ok(await owner.query('connections.get', { id }))).toMatchObject({ connectorId: 'acme-oauth', status: 'active' });
    expect(authorizationCodes()).toBe(codesBefore + 1);
    await expectAccessible(page, 'connection (OAuth)');

    // The grant goes bad at the provider; Re-authorize runs the flow again for this connection.
    await server.db
      .updateTable('connections')
      .set({ status: 'needs_reauth', last_error: 'The provider revoked the grant' })
      .where('id', '=', id)
      .execute();
    await page.goto(`${server.url}/connections/${id}`);
    await page.getByText('The provider no longer accepts this grant.').waitFor();
    await page.getByText('The provider revoked the grant', { exact: false }).first().waitFor();
    await page.getByRole('link', { name: /^Re-authorize / }).click();
    await page.getByText('Connected. The connection is ready for actions.').waitFor();
    expect(new URL(page.url()).pathname).toBe(path);
    expect(authorizationCodes()).toBe(codesBefore + 2);
    const after = ok(await owner.query('connections.get', { id }));
    expect(after.status).toBe('active');
    const oauthConnections = ok(await owner.query('connections.list', { connectorId: 'acme-oauth' })).connections;
    expect(oauthConnections.map((c: { id: string }) => c.id)).toEqual([id]);
    await expectAccessible(page, 'connection (re-authorized)');
    expect(cspViolations).toEqual([]);
  });
});

describe('choosing the account a connection acts for, in Chromium', () => {
  it('chooses on the connect page after connecting, and again on the dashboard when none is chosen', { timeout: 120_000 }, async () => {
    const page = await newPage();
    await signIn(page, ownerEmail, PASSWORD);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.goto(`${server.url}/connections/new?connector=key-accounts`);
    await page.getByRole('button', { name: 'Continue to connect Key Accounts' }).click();
    await page.getByLabel('Username').fill(BASIC_USER);
    await page.getByLabel('Password').fill(BASIC_SECRET);
    await page.getByRole('button', { name: 'Connect Key Accounts' }).click();
    await page.getByRole('heading', { name: 'Choose an account' }).waitFor();
    await expectAccessible(page, 'connect page (choose an account)');
    await page.getByRole('radio', { name: /South/ }).check();
    await page.getByRole('button', { name: 'Use this account' }).click();
    await page.getByText('Connected.', { exact: false }).first().waitFor();
    await page.getByText('South (acct-2)').waitFor();
    const id = /^\/connections\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)?.[1] ?? '';

    // No account chosen (as after a re-authorization whose grant lost it): the page asks.
    await sql`update connections set metadata = metadata - 'account' where id = ${id}`.execute(server.db);
    await page.goto(`${server.url}/connections/${id}`);
    await page.getByRole('heading', { name: 'Choose the account' }).waitFor();
    await expectAccessible(page, 'connection (choose the account)');
    await page.getByRole('radio', { name: /North/ }).check();
    await page.getByRole('button', { name: 'Use this account' }).click();
    await page.getByText('This connection now acts for North.').waitFor();
    await page.getByText('North (acct-1)').waitFor();
    expect(await page.getByRole('heading', { name: 'Choose the account' }).count()).toBe(0);
    expect(ok(await owner.query('connections.get', { id })).metadata.account).toMatchObject({ id: 'acct-1', name: 'North' });
    expect(cspViolations).toEqual([]);
  });
});

describe('account pages from mailed links in Chromium', () => {
  it('resets a forgotten password from the mailed link and signs in with the new one', { timeout: 120_000 }, async () => {
    const email = `forgot-${uniq()}@example.com`;
    await signUpVerified(new HttpSession(server.url), server.outbox, email);
    const page = await newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await expectAccessible(page, 'forgot password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the reset link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.getByText(`mail not sent (PATCHBAY_SMTP_URL unset) to ${email}`).waitFor();
    await expectAccessible(page, 'forgot password (sent)');

    const token = await server.outbox.token(email, 'reset-password');
    await page.goto(`${server.url}/reset-password#token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expectAccessible(page, 'reset password');
    const newPassword = 'another long unusual phrase';
    await page.getByLabel('New password (at least 10 characters)').fill(newPassword);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await expectAccessible(page, 'password changed');

    // The old password no longer works; the new one does.
    expect(errorCode(await new HttpSession(server.url).mutation('auth.signIn', { email, password: PASSWORD }))).toBe('UNAUTHORIZED');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Create your organization' }).waitFor();
    expect(cspViolations).toEqual([]);
  });

  it('lets an invitee without an account sign up from the invitation link and land in the organization', { timeout: 120_000 }, async () => {
    const invitee = `invitee-${uniq()}@example.com`;
    ok(await owner.mutation('orgs.members.invite', { email: invitee, role: 'member' }));
    // A connection of the organization's own, for the member's view of Connections below.
    ok(await owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }));
    const token = await server.outbox.token(invitee, 'accept-invitation');
    const page = await newPage();
    await page.goto(`${server.url}/accept-invitation#token=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Accept the invitation' }).waitFor();
    await page.getByRole('button', { name: 'Create account and join' }).waitFor();
    await expectAccessible(page, 'accept invitation (signed out)');
    await page.getByLabel('Name (optional)').fill('Ivy Invitee');
    await page.getByLabel('Email (the invited address)').fill(invitee);
    await page.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account and join' }).click();

    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.evaluate(() => localStorage.getItem('patchbay.org'))).toBe(org);
    expect(await page.getByLabel('Organization', { exact: true }).inputValue()).toBe(org);
    const { members } = ok(await owner.query('orgs.members.list')) as { members: { email: string; role: string }[] };
    expect(members.find((m) => m.email === invitee)?.role).toBe('member');
    await expectAccessible(page, 'overview (new member)');

    // A member uses the organization's connections but is not offered to make or delete them.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Test / }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Re-authorize / }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Connect an account' }).count()).toBe(0);

    // The link is spent: opening it again signed in says so instead of joining twice.
    await page.goto(`${server.url}/accept-invitation#token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: 'Accept and join' }).click();
    await page.getByText(/invalid, was revoked or has expired/).waitFor();
    await expectAccessible(page, 'accept invitation (signed in, spent link)');
    expect(cspViolations).toEqual([]);
  });

  it('spends a confirmation link only on the press, and lets an existing account sign in from an invitation', {
    timeout: 120_000,
  }, async () => {
    const email = `existing-${uniq()}@example.com`;
    const person = new HttpSession(server.url);
    ok(await person.mutation('auth.signUp', { email, password: PASSWORD }));
    const token = await server.outbox.token(email, 'verify-email');
    const page = await newPage();
    // Opening the link (as a mail scanner would) uses nothing: the token still works afterwards.
    await page.goto(`${server.url}/verify-email#token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: 'Confirm' }).waitFor();
    await expectAccessible(page, 'verify email');
    ok(await person.mutation('auth.signIn', { email, password: PASSWORD }));
    expect(ok(await person.query('auth.me')).user.emailVerified).toBe(false);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Your email address is confirmed.').waitFor();
    await expectAccessible(page, 'verify email (confirmed)');

    ok(await owner.mutation('orgs.members.invite', { email, role: 'admin' }));
    const invitation = await server.outbox.token(email, 'accept-invitation');
    await page.goto(`${server.url}/accept-invitation#token=${encodeURIComponent(invitation)}`);
    await page.getByRole('button', { name: 'I already have an account: sign in instead' }).click();
    await page.getByLabel('Email (the invited address)').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await expectAccessible(page, 'accept invitation (sign in)');
    await page.getByRole('button', { name: 'Sign in and join' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('patchbay.org'))).toBe(org);
    const { members } = ok(await owner.query('orgs.members.list')) as { members: { email: string; role: string }[] };
    expect(members.find((m) => m.email === email)?.role).toBe('admin');
    expect(cspViolations).toEqual([]);
  });
});
