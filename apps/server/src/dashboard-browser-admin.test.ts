/**
 * The admin pages end to end in real Chromium against the real server (issue 16): an API key made
 * in the page works once copied and stops working once revoked there; an invitation is sent and
 * withdrawn; a webhook endpoint gets a test event, lists the delivery and redelivers it (a real
 * worker sends it again to a local receiver); an organization's own OAuth app is set; the audit
 * log filters; a member sees read-only pages. Every page passes axe with no serious violation.
 */
import { DASHBOARD_DIST, ensureDashboardBuilt } from '@patchbay/dashboard/build';
import { type RunningWorker, startWorker } from '@patchbay/engine';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAxeViolations } from './testing/browser.ts';
import { type FakeProvider, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { signUpVerified } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';

const PASSWORD = 'a long unusual phrase';
const ownerEmail = `admin-pages-${Date.now()}@example.com`;
const memberEmail = `admin-pages-member-${Date.now()}@example.com`;
let provider: FakeProvider;
let server: TestServer;
let worker: RunningWorker;
let receiver: WebhookReceiver;
let browser: Browser;
let page: Page;
let owner: HttpSession;
let org: string;
const cspViolations: string[] = [];

async function expectAccessible(name: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
}

async function signIn(target: Page, email: string): Promise<void> {
  await target.goto(`${server.url}/signin`);
  await target.getByLabel('Email').fill(email);
  await target.getByLabel('Password').fill(PASSWORD);
  await target.getByRole('button', { name: 'Sign in' }).click();
  await target.getByRole('navigation', { name: 'Main' }).waitFor();
}

const nav = (target: Page, name: string) =>
  target.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

beforeAll(async () => {
  await ensureDashboardBuilt();
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)], dashboardDir: DASHBOARD_DIST });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
  receiver = await startWebhookReceiver();
  owner = new HttpSession(server.url);
  await signUpVerified(owner, server.outbox, ownerEmail);
  org = ok(await owner.mutation('orgs.create', { name: 'Admin Co' })).id;
  owner = owner.withOrg(org);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Berlin' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await signIn(page, ownerEmail);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await worker?.stop();
  await server?.close();
  await provider?.stop();
  await receiver?.close();
});

describe('the admin pages in Chromium', () => {
  it('creates an API key shown once, which works until it is revoked in the page', { timeout: 90_000 }, async () => {
    await nav(page, 'API keys');
    await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await page.getByText('No API keys yet.').waitFor();
    await expectAccessible('API keys (empty)');

    await page.getByLabel('Key name').fill('ui-key');
    await page.getByRole('checkbox', { name: /^runs:read/ }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('secret-value');
    await secret.waitFor();
    const key = (await secret.textContent()) ?? '';
    expect(key.length).toBeGreaterThan(20);
    await page.getByText('It is shown only this once').waitFor();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
    await expectAccessible('API keys (secret shown)');

    const service = HttpSession.withApiKey(server.url, key);
    expect((await service.query('runs.list')).status).toBe(200);

    // Done with it: the secret is gone from the page, and coming back does not bring it back.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByTestId('secret-value').waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'ui-key' });
    await row.getByText('runs:read').waitFor();
    await row.getByText('active').waitFor();
    expect(await page.content()).not.toContain(key);
    await nav(page, 'Members');
    await nav(page, 'API keys');
    await row.waitFor();
    expect(await page.content()).not.toContain(key);

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Revoke ui-key' }).click();
    await row.getByText('revoked').waitFor();
    expect(await page.getByRole('button', { name: 'Revoke ui-key' }).count()).toBe(0);
    expect((await service.query('runs.list')).status).toBe(401);
    await expectAccessible('API keys (revoked)');
  });

  it('invites a member, lists the invitation and revokes it', { timeout: 60_000 }, async () => {
    await nav(page, 'Members');
    await page.getByRole('cell', { name: `${ownerEmail} — you` }).waitFor();
    await page.getByText('No pending invitations.').waitFor();
    await expectAccessible('members');

    const invitee = `invitee-${Date.now()}@example.com`;
    await page.getByLabel('Email address').fill(invitee);
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation mailed to ${invitee}`).waitFor();
    const invitation = page.getByRole('row').filter({ hasText: invitee });
    await invitation.getByRole('cell', { name: 'admin', exact: true }).waitFor();
    expect(await server.outbox.token(invitee, 'accept-invitation')).toBeTruthy();
    await expectAccessible('members with an invitation');

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: `Revoke the invitation for ${invitee}` }).click();
    await page.getByText('No pending invitations.').waitFor();
    expect(ok(await owner.query('orgs.invitations.list'))).toEqual([]);
  });

  it('adds a webhook endpoint, sends a test event, lists the delivery and redelivers it', { timeout: 90_000 }, async () => {
    await nav(page, 'Webhooks');
    await page.getByText('No endpoints yet.').waitFor();
    await expectAccessible('webhooks (empty)');
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = (await page.getByTestId('secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await expectAccessible('webhooks (secret shown)');
    await page.getByRole('button', { name: 'I have stored it' }).click();

    await page.getByRole('link', { name: receiver.url }).click();
    await page.getByRole('heading', { name: 'Webhook endpoint' }).waitFor();
    await page.getByText('Nothing sent yet.').waitFor();
    await expectAccessible('webhook endpoint');
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText('Test event delivered.').waitFor();
    expect(receiver.deliveries.map((d) => d.event.type)).toEqual(['webhook.test']);
    const eventId = receiver.deliveries[0]?.event.id;

    const delivery = page.getByRole('row').filter({ hasText: 'webhook.test' });
    await delivery.getByText('delivered').waitFor();
    await delivery.getByRole('cell', { name: '204' }).waitFor();
    await expectAccessible('webhook endpoint with a delivery');

    await delivery.getByRole('link', { name: 'webhook.test' }).click();
    await page.getByRole('heading', { name: 'Webhook delivery' }).waitFor();
    expect(await page.getByTestId('delivery-attempts').textContent()).toBe('1');
    await expectAccessible('webhook delivery');
    await page.getByRole('button', { name: 'Redeliver' }).click();
    await page.getByText('Queued: the same event (same id) is sent again shortly.').waitFor();
    await expect.poll(() => receiver.deliveries.length, { timeout: 30_000 }).toBe(2);
    expect(receiver.deliveries[1]?.event.id).toBe(eventId);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return page.getByTestId('delivery-attempts').textContent();
        },
        { timeout: 15_000 },
      )
      .toBe('2');

    // Edit the events, rotate the secret (shown once, and the old one stops being the signer), delete.
    await page.getByRole('link', { name: 'The endpoint’s deliveries' }).click();
    await page.getByRole('checkbox', { name: /^trigger\.event/ }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const endpointId = new URL(page.url()).pathname.split('/')[2];
    expect(ok(await owner.query('webhooks.list')).find((e: { id: string }) => e.id === endpointId)?.events).toContain('trigger.event');
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Rotate signing secret' }).click();
    const rotated = (await page.getByTestId('secret-value').textContent()) ?? '';
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    // Once dismissed (the click's re-render has landed), the secret is nowhere in the page.
    await page.getByTestId('secret-value').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(rotated);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete endpoint' }).click();
    await page.getByText('No endpoints yet.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/webhooks');
  });

  it('sets an OAuth app whose secret is never shown back, and shows the redirect URI', { timeout: 60_000 }, async () => {
    await nav(page, 'OAuth apps');
    expect(await page.getByTestId('redirect-uri').textContent()).toBe(`${server.url}/oauth/callback`);
    const card = page.getByRole('region', { name: 'Acme (OAuth)' });
    await card.getByText('no app: connecting fails until one is set here').waitFor();
    expect(await page.getByRole('region', { name: 'Acme (API key)' }).count()).toBe(0);
    await expectAccessible('OAuth apps');

    await card.getByRole('button', { name: 'Use our own app for Acme (OAuth)' }).click();
    await card.getByLabel('Client id').fill('our-client-id');
    await card.getByLabel(/^Client secret/).fill('our-very-secret-value');
    await card.getByLabel(/^Scopes/).fill('read, write');
    await expectAccessible('OAuth app form');
    await card.getByRole('button', { name: 'Save app' }).click();
    await card.getByText('App saved.').waitFor();
    await card.getByText('this organization’s own app').waitFor();
    await card.getByText('our-client-id').waitFor();
    await card.getByText('read write').waitFor();
    expect(await page.content()).not.toContain('our-very-secret-value');
    expect(ok(await owner.query('oauthApps.list')).apps).toEqual([
      expect.objectContaining({ connectorId: 'acme-oauth', clientId: 'our-client-id', scopes: ['read', 'write'] }),
    ]);
    page.once('dialog', (dialog) => dialog.accept());
    await card.getByRole('button', { name: 'Remove the app for Acme (OAuth)' }).click();
    await card.getByText('App removed.').waitFor();
    await card.getByText('no app: connecting fails until one is set here').waitFor();
    expect(ok(await owner.query('oauthApps.list')).apps).toEqual([]);
  });

  it('pages the audit log and filters it by action prefix', { timeout: 60_000 }, async () => {
    await nav(page, 'Audit log');
    await page.getByRole('cell', { name: 'api_key.revoke' }).waitFor();
    await expectAccessible('audit log');
    await page.getByLabel(/^Action/).fill('webhook.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('cell', { name: 'webhook.redeliver' }).waitFor();
    expect(await page.getByRole('cell', { name: 'api_key.revoke' }).count()).toBe(0);
    await page.getByLabel(/^Action/).fill('nothing.here');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No entry matches these filters.').waitFor();

    // Readable on a phone: the admin pages do not overflow at 390 px.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const name of ['API keys', 'Members', 'Webhooks', 'OAuth apps', 'Audit log']) {
      await nav(page, name);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      expect(Number(await page.evaluate('document.documentElement.scrollWidth')), name).toBeLessThanOrEqual(390);
    }
    await expectAccessible('audit log at 390 px');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(cspViolations).toEqual([]);
  });

  it('shows a member read-only pages, without the controls the API would refuse', { timeout: 60_000 }, async () => {
    const member = new HttpSession(server.url);
    await signUpVerified(member, server.outbox, memberEmail);
    ok(await owner.mutation('orgs.members.invite', { email: memberEmail, role: 'member' }));
    ok(await member.mutation('auth.acceptInvitation', { token: await server.outbox.token(memberEmail, 'accept-invitation') }));

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await context.newPage();
    await signIn(other, memberEmail);
    await nav(other, 'Members');
    await other.getByText('You can see this page as a member').waitFor();
    await other.getByRole('cell', { name: ownerEmail }).waitFor();
    expect(await other.getByRole('button', { name: 'Send invitation' }).count()).toBe(0);
    expect(await other.getByRole('button', { name: /^Remove/ }).count()).toBe(0);
    expect(await other.getByRole('combobox', { name: /^Role of/ }).count()).toBe(0);
    await nav(other, 'API keys');
    await other.getByRole('row').filter({ hasText: 'ui-key' }).waitFor();
    expect(await other.getByRole('button', { name: 'Create key' }).count()).toBe(0);
    expect(await other.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    await nav(other, 'Audit log');
    await other.getByText('Only owners and admins can read the audit log').waitFor();

    // The owner makes them an admin in the page: their own pages now offer the admin controls.
    await nav(page, 'Members');
    await page.getByRole('combobox', { name: `Role of ${memberEmail}` }).selectOption('admin');
    await page.getByText('Role changed').waitFor();
    const roleOf = async () =>
      ok(await owner.query('orgs.members.list')).members.find((m: { email: string }) => m.email === memberEmail)?.role;
    expect(await roleOf()).toBe('admin');
    await other.goto(`${server.url}/members`);
    await other.getByRole('button', { name: 'Send invitation' }).waitFor();
    const leftover = ok(await member.withOrg(org).mutation('apiKeys.create', { name: 'made-by-leaver' })).key as string;
    // An admin is not offered the owner role, nor any control over the owner.
    expect(await other.getByRole('option', { name: 'owner' }).count()).toBe(0);
    expect(await other.getByRole('button', { name: `Remove ${ownerEmail}` }).count()).toBe(0);
    await context.close();

    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: `Remove ${memberEmail}` }).click();
    await expect.poll(() => page.getByRole('cell', { name: memberEmail }).count()).toBe(0);
    expect(await roleOf()).toBeUndefined();

    // The key they made outlives them until an admin ends it from the page.
    await nav(page, 'API keys');
    const orphan = page.getByRole('row').filter({ hasText: 'made-by-leaver' });
    await orphan.getByText('made by someone no longer a member').waitFor();
    expect((await HttpSession.withApiKey(server.url, leftover).query('runs.list')).status).toBe(200);
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Revoke keys of former members' }).click();
    await orphan.getByText('revoked').waitFor();
    expect(await page.getByRole('button', { name: 'Revoke keys of former members' }).count()).toBe(0);
    expect((await HttpSession.withApiKey(server.url, leftover).query('runs.list')).status).toBe(401);
    await expectAccessible('API keys with a former member’s key');
  });
});
