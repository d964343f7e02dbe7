/**
 * The dashboard end to end in real Chromium against the real server: sign up, confirm the
 * address through the mailed link, create an organization, see the empty Connections page,
 * then (through the API) connect an API-key account and run an action, and find that run in
 * Runs, on its own page with its attempts, and counted in Overview. Every page visited passes
 * axe-core with no serious or critical violation, and nothing trips the Content-Security-Policy.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DASHBOARD_DIST, ensureDashboardBuilt } from '@patchbay/dashboard/build';
import { FIRST_LOAD_BUDGET_GZIP, firstLoadJs } from '@patchbay/dashboard/size';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAxeViolations } from './testing/browser.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const PASSWORD = 'a long unusual phrase';
const email = `browser-${Date.now()}@example.com`;
let provider: FakeProvider;
let server: TestServer;
let browser: Browser;
let page: Page;
const cspViolations: string[] = [];
const pagesChecked: string[] = [];

async function expectAccessible(name: string): Promise<void> {
  pagesChecked.push(name);
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
}

beforeAll(async () => {
  await ensureDashboardBuilt();
  provider = await startFakeProvider();
  server = await startTestServer({
    connectors: [acmeKey(provider)],
    dashboardDir: DASHBOARD_DIST,
    retry: { minDelayMs: 5, maxDelayMs: 10 },
  });
  browser = await launchChromium();
  // A zone away from UTC, so buckets and times are cut in the viewer's zone, not the server's.
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'America/New_York' });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.stop();
});

describe('the dashboard in Chromium', () => {
  it('takes a newcomer from sign-up to a run counted in Overview, then pages, filters, tests and deletes connections', {
    timeout: 120_000,
  }, async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Patchbay' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await expectAccessible('sign in');

    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
    await expectAccessible('sign up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessible('check your email');

    // Signed in before confirming: the organization is refused, and the page offers a new link.
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Organization name').fill('Too early');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('button', { name: 'Send the confirmation link again' }).waitFor();

    // The mailed link opens the dashboard's confirmation page; the button spends the token.
    const token = await server.outbox.token(email, 'verify-email');
    await page.goto(`${server.url}/verify-email#token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Your email address is confirmed').waitFor();

    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Create your organization' }).waitFor();
    await expectAccessible('create organization');
    await page.getByLabel('Organization name').fill('Browser Co');
    await page.getByRole('button', { name: 'Create organization' }).click();

    await page.getByRole('heading', { name: 'No connections yet' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connections');
    await expectAccessible('connections (empty)');

    // The API side, as the integrator's backend would do it, in the organization the page chose.
    const org = await page.evaluate(() => localStorage.getItem('patchbay.org'));
    expect(org).toMatch(/^[0-9a-f-]{36}$/);
    const owner = new HttpSession(server.url);
    ok(await owner.mutation('auth.signIn', { email, password: PASSWORD }));
    const key = ok(await owner.withOrg(org ?? '').mutation('apiKeys.create', { name: 'backend' })).key as string;
    const service = HttpSession.withApiKey(server.url, key);
    const connectionId = ok(
      await service.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
    ).id;
    ok(await service.mutation('actions.acme-key.echo', { connectionId, input: { message: 'hello from the browser test' } }));

    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'acme-key' });
    await row.getByText('active').waitFor();
    await expectAccessible('connections');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('link', { name: 'acme-key.echo' }).click();
    await page.getByRole('heading', { name: /acme-key\.echo/ }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/runs\/[0-9a-f-]{36}$/);
    const attempts = page.getByRole('list', { name: 'Attempts at the provider' }).getByRole('listitem');
    expect(await attempts.count()).toBe(1);
    expect(await attempts.first().textContent()).toMatch(/POST 200/);
    await expect.poll(() => page.getByText('hello from the browser test').count()).toBeGreaterThan(0);
    await expectAccessible('run');

    await page.goBack();
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    await expectAccessible('runs');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await expect.poll(() => page.getByTestId('total-runs').textContent()).toBe('1');
    await page.getByRole('cell', { name: 'acme-key' }).waitFor();
    await expectAccessible('overview');

    // Readable on a phone: nothing wider than the screen outside the scrollable tables.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await expectAccessible('overview at 390 px');

    expect(cspViolations).toEqual([]);
    expect(pagesChecked.length).toBeGreaterThanOrEqual(9);

    // Connections a page at a time (25), filtered, tested and deleted from the page.
    await page.setViewportSize({ width: 1280, height: 800 });
    for (let i = 0; i < 25; i++) {
      const name = `bulk-${String(i).padStart(2, '0')}`;
      ok(await service.mutation('connections.create', { connectorId: 'acme-key', name, credentials: { apiKey: GOOD_API_KEY } }));
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    const bodyRows = page.locator('tbody tr');
    await expect.poll(() => bodyRows.count()).toBe(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => bodyRows.count()).toBe(26);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

    await page.getByLabel('Status').selectOption('needs_reauth');
    await page.getByText('No connection matches these filters.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: 'Test bulk-24' }).click();
    await page.getByText('Test passed').waitFor();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete bulk-00' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Delete bulk-00' }).count()).toBe(0);
    expect(ok(await service.query('connections.list', { search: 'bulk-00' })).connections).toEqual([]);
    await expectAccessible('connections (a full page)');

    // Runs filtered from the URL the filter form writes.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No run matches these filters.').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('failed');
    await page.getByLabel('Status').selectOption('succeeded');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: 'acme-key.echo' }).waitFor();

    // A second organization from the switcher sees none of the first one's connections.
    await page.getByLabel('Organization', { exact: true }).selectOption('__new');
    await page.getByLabel('Organization name').fill('Second Co');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'No connections yet' }).waitFor();
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Browser Co' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click();
    await expect.poll(() => bodyRows.count()).toBe(25);

    // A run the provider first refused: both tries on its timeline, with their HTTP statuses.
    provider.script = [{ status: 503 }, { status: 200 }];
    ok(await service.mutation('actions.acme-key.scripted', { connectionId, input: {} }));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('link', { name: 'acme-key.scripted' }).click();
    const tries = page.getByRole('list', { name: 'Attempts at the provider' }).getByRole('listitem');
    await expect.poll(() => tries.count()).toBe(2);
    expect(await tries.nth(0).textContent()).toMatch(/GET 503.*try 1/);
    expect(await tries.nth(1).textContent()).toMatch(/GET 200.*try 2/);
    await expectAccessible('run with a retried attempt');

    // A connection whose grant the provider revoked shows up in Overview's attention list.
    await server.db
      .updateTable('connections')
      .set({ status: 'needs_reauth', last_error: 'The provider revoked the grant' })
      .where('name', '=', 'bulk-24')
      .execute();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    const attention = page.getByRole('region', { name: 'Connections needing attention' });
    await attention.getByText('bulk-24 (acme-key): The provider revoked the grant').waitFor();
    expect(await attention.getByText('needs reauth').count()).toBe(1);
    // Each connection needing attention opens its own page.
    await attention.getByRole('link', { name: 'bulk-24' }).click();
    await page.waitForURL(/\/connections\/[0-9a-f-]{36}$/);
    expect(cspViolations).toEqual([]);
  });

  it('keeps the first load under 250 KB of JavaScript gzip', async () => {
    const size = await firstLoadJs(DASHBOARD_DIST);
    expect(size.files.length).toBeGreaterThan(0);
    expect(size.gzipBytes).toBeLessThan(FIRST_LOAD_BUDGET_GZIP);
    // React's production build even though Vitest runs with NODE_ENV=test.
    for (const file of size.files) expect(await readFile(path.join(DASHBOARD_DIST, file), 'utf8')).not.toContain('jsxDEV');
  });
});
