/**
 * Connectors and Try an action in real Chromium against the real server: a verified user with an
 * API-key connection (made through the API) reads the catalog, opens an action's fields, is
 * refused a missing field beside it, runs the action on the connection against the fake
 * provider, sees its output, follows the link to the run record, and sees a provider failure
 * with its code and run. Every page passes axe-core with no serious or critical violation.
 */
import { DASHBOARD_DIST, ensureDashboardBuilt } from '@patchbay/dashboard/build';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, seriousAxeViolations } from './testing/browser.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey } from './testing/fixtures/acme-connectors.ts';
import { ok } from './testing/http-session.ts';
import { newVerifiedUser } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const PASSWORD = 'a long unusual phrase';
const email = `try-${Date.now()}@example.com`;
let provider: FakeProvider;
let server: TestServer;
let browser: Browser;
let page: Page;
const cspViolations: string[] = [];

async function expectAccessible(name: string): Promise<void> {
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
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.stop();
});

describe('Connectors and Try an action in Chromium', () => {
  it('reads the catalog, refuses a missing field, runs an action and links to its run', { timeout: 120_000 }, async () => {
    const { session } = await newVerifiedUser(server.url, server.outbox, email);
    const org = ok(await session.mutation('orgs.create', { name: 'Try Co' })).id as string;
    const connectionId = ok(
      await session
        .withOrg(org)
        .mutation('connections.create', { connectorId: 'acme-key', name: 'acme main', credentials: { apiKey: GOOD_API_KEY } }),
    ).id as string;

    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connectors' }).click();
    await page.getByRole('heading', { name: 'Connectors' }).waitFor();
    await page.getByRole('link', { name: 'Connect Acme (API key)' }).waitFor();
    expect(await page.getByRole('link', { name: 'Connect Acme (API key)' }).getAttribute('href')).toBe(
      '/connections/new?connector=acme-key',
    );
    await expectAccessible('connectors');

    await page.getByRole('link', { name: 'Acme (API key): actions and details' }).click();
    await page.getByRole('heading', { name: 'Acme (API key)', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/connectors/acme-key');
    // Inputs as field tables: name, type, required.
    const echoInput = page.getByRole('table', { name: 'echo: input' });
    expect(await echoInput.getByRole('row', { name: /message string required/ }).count()).toBe(1);
    const slowInput = page.getByRole('table', { name: 'slow: input' });
    expect(await slowInput.getByRole('row', { name: /ms integer required/ }).count()).toBe(1);
    await page.getByText('API key', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Triggers' }).waitFor();
    await expectAccessible('connector');

    await page.getByRole('link', { name: 'Try echo' }).click();
    await page.getByRole('heading', { name: 'Try an action' }).waitFor();
    expect(new URL(page.url()).search).toBe('?connector=acme-key&action=echo');
    await page.getByLabel('Connection').selectOption({ label: 'acme main (active)' });
    await page.getByRole('button', { name: 'Run echo' }).waitFor();
    await expectAccessible('try (empty form)');

    // A refused input: the message beside the field, tied to it, and nothing sent.
    await page.getByRole('button', { name: 'Run echo' }).click();
    const message = page.getByLabel('Message (required)');
    await expect.poll(() => message.getAttribute('aria-invalid')).toBe('true');
    expect(await message.getAttribute('aria-describedby')).toBe('try-message-error');
    expect(await page.locator('#try-message-error').textContent()).toBe('Required');
    expect(await page.getByRole('alert').first().textContent()).toContain('One field needs attention');
    expect(await page.evaluate('document.activeElement?.id')).toBe('try-message');
    await expectAccessible('try (refused input)');
    expect(ok(await session.withOrg(org).query('runs.list', {})).runs).toEqual([]);

    await message.fill('hello from Try');
    await page.getByRole('button', { name: 'Run echo' }).click();
    await page.getByText('Succeeded').waitFor();
    await expect.poll(() => page.locator('.try-result pre').textContent()).toContain('"message": "hello from Try"');
    await expectAccessible('try (result)');

    await page.getByRole('link', { name: 'Open the run record' }).click();
    await page.getByRole('heading', { name: /acme-key\.echo/ }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/runs\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText('hello from Try').count()).toBeGreaterThan(0);
    await expectAccessible('run');

    // Prefilled from a connection: its connector is found, and a provider failure shows code, reason and run.
    await page.goto(`${server.url}/try?connection=${connectionId}&action=scripted`);
    await page.getByRole('heading', { name: 'scripted' }).waitFor();
    expect(await page.getByLabel('Connector').inputValue()).toBe('acme-key');
    await page.getByText('This action takes no input.').waitFor();
    provider.script = [{ status: 404 }];
    await page.getByRole('button', { name: 'Run scripted' }).click();
    await page.getByText(/Failed \(NOT_FOUND, NOT_FOUND\)/).waitFor();
    await page.getByRole('link', { name: 'Open the run record' }).click();
    await page.getByRole('heading', { name: /acme-key\.scripted/ }).waitFor();

    // Readable on a phone.
    await page.goto(`${server.url}/try?connection=${connectionId}&action=echo`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Run echo' }).waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await expectAccessible('try at 390 px');
    await page.goto(`${server.url}/connectors/acme-key`);
    await page.getByRole('table', { name: 'echo: input' }).waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await expectAccessible('connector at 390 px');
    expect(cspViolations).toEqual([]);
  });
});
