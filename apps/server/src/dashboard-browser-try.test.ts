/**
 * Connectors and Try an action in real Chromium against the real server: a verified user with an
 * API-key connection (made through the API) reads the catalog, opens an action's fields, is
 * refused a missing field beside it, runs the action on the connection against the fake
 * provider, sees its output, follows the link to the run record, and sees a provider failure
 * with its code and run. Every page passes axe-core with no serious or critical violation.
 */
import { DASHBOARD_DIST, ensureDashboardBuilt } from '@patchbay/dashboard/build';
import { apiKey, defineAction, defineConnector } from '@patchbay/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { launchChromium, seriousAxeViolations } from './testing/browser.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey } from './testing/fixtures/acme-connectors.ts';
import { type HttpSession, ok } from './testing/http-session.ts';
import { newVerifiedUser } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

/**
 * A connector whose one action takes the constructs the form draws (lists of objects, variants,
 * nullable and typed maps, formats, bounds) and a cross-field rule JSON Schema cannot carry, so
 * the server's INVALID_INPUT must land beside the field. It answers with what it received.
 */
const forms = defineConnector({
  id: 'acme-forms',
  name: 'Acme forms',
  version: '0.1.0',
  description: 'Takes every kind of field',
  auth: apiKey({ fields: z.object({ apiKey: z.string().min(8) }), apply: () => {} }),
  baseUrls: ['https://forms.invalid'],
  actions: {
    submit: defineAction({
      description: 'Answers with its input',
      input: z
        .object({
          email: z.email(),
          count: z.number().int().min(1).max(10),
          priority: z.enum(['low', 'high']).default('low'),
          notify: z.boolean().optional(),
          items: z.array(z.object({ name: z.string().min(1) })).min(1),
          source: z.discriminatedUnion('kind', [
            z.object({ kind: z.literal('URL'), url: z.url() }),
            z.object({ kind: z.literal('FILE'), data: z.string().min(1) }),
          ]),
          metadata: z.record(z.string(), z.string()).optional(),
          text: z.string().optional(),
          html: z.string().optional(),
        })
        .refine((input) => input.text !== undefined || input.html !== undefined, { path: ['text'], message: 'give text or html' }),
      output: z.object({ received: z.unknown() }),
      run: async (input) => ({ received: input }),
    }),
  },
});

const PASSWORD = 'a long unusual phrase';
const email = `try-${Date.now()}@example.com`;
let provider: FakeProvider;
let server: TestServer;
let browser: Browser;
let page: Page;
let signedIn: { session: HttpSession; org: string } | undefined;
const cspViolations: string[] = [];

async function expectAccessible(name: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
}

beforeAll(async () => {
  await ensureDashboardBuilt();
  provider = await startFakeProvider();
  server = await startTestServer({
    connectors: [acmeKey(provider), forms],
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
    signedIn = { session, org };
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
    await page.getByLabel('Find a connector').fill('nothing like it');
    await page.getByText('No connector matches “nothing like it”.').waitFor();
    await page.getByLabel('Find a connector').fill('forms');
    await expect.poll(() => page.locator('.catalog-card').count()).toBe(1);
    await page.getByLabel('Find a connector').fill('');

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

    // The same idempotency key twice: one call at the provider, the same answer.
    await page.getByLabel('Idempotency key (optional)').fill('try-once');
    await page.getByRole('button', { name: 'Run echo' }).click();
    await expect.poll(() => page.locator('.try-result pre').textContent()).toMatch(/"calls": 2/);
    const replay = page.waitForResponse((response) => response.url().includes('/trpc/actions.acme-key.echo'));
    await page.getByRole('button', { name: 'Run echo' }).click();
    expect((await replay).status()).toBe(200);
    await expect.poll(() => page.locator('.try-result pre').textContent()).toMatch(/"calls": 2/);
    expect(provider.apiCalls.get('/echo')).toBe(2);
    expect(ok(await session.withOrg(org).query('runs.list', { action: 'echo' })).runs).toHaveLength(2);

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

  it('drives every kind of field, and shows the server refusing a field beside it', { timeout: 120_000 }, async () => {
    if (!signedIn) throw new Error('the first test signs in');
    const connection = ok(
      await signedIn.session
        .withOrg(signedIn.org)
        .mutation('connections.create', { connectorId: 'acme-forms', credentials: { apiKey: GOOD_API_KEY } }),
    ).id as string;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/try?connection=${connection}&action=submit`);
    const byId = (id: string) => page.locator(`[id="try-${id}"]`);
    const errorOf = (id: string) => page.locator(`[id="try-${id}-error"]`);
    await page.getByRole('button', { name: 'Run submit' }).click();
    await expect.poll(() => errorOf('email').textContent()).toBe('Required');
    expect(await errorOf('items').textContent()).toBe('Add at least 1 item');
    expect(await byId('priority').inputValue()).not.toBe('');

    await byId('email').fill('not an address');
    await byId('count').fill('1x');
    await expect.poll(() => errorOf('email').textContent()).toBe('Enter an email address, like name@example.com');
    expect(await errorOf('count').textContent()).toBe('Enter a number');
    await byId('email').fill('ada@example.com');
    await byId('count').fill('3');
    await byId('priority').selectOption({ label: 'high' });
    await byId('notify').check();

    // Rows: add two, remove the first; the second keeps its value in the first place.
    await page.getByRole('button', { name: 'Add an item to Items' }).click();
    await page.getByRole('button', { name: 'Add an item to Items' }).click();
    await byId('items.0.name').fill('first');
    await byId('items.1.name').fill('second');
    await page.getByRole('button', { name: 'Remove Items 1' }).click();
    expect(await byId('items.0.name').inputValue()).toBe('second');
    expect(await byId('items.1.name').count()).toBe(0);

    // The variant chooser swaps the fields; the map takes key/value rows.
    await page.getByLabel('Kind of source').selectOption({ label: 'FILE' });
    await byId('source.data').fill('abc');
    expect(await byId('source.url').count()).toBe(0);
    await page.getByRole('button', { name: 'Add an entry to Metadata' }).click();
    await page.getByLabel('Key 1').fill('team');
    await byId('metadata.team').fill('core');
    await expectAccessible('try (every kind of field)');

    // Valid by the schema, refused by the action's own rule: the server's message sits beside Text.
    await page.getByRole('button', { name: 'Run submit' }).click();
    await expect.poll(() => errorOf('text').textContent()).toMatch(/give text or html/);
    expect(await byId('text').getAttribute('aria-invalid')).toBe('true');
    await page.getByText(/Failed \(BAD_REQUEST, INVALID_INPUT\)/).waitFor();
    await expectAccessible('try (refused by the server)');

    await byId('text').fill('Hello');
    await page.getByRole('button', { name: 'Run submit' }).click();
    await page.getByText('Succeeded').waitFor();
    const output = JSON.parse((await page.locator('.try-result pre').textContent()) ?? '{}');
    expect(output.received).toEqual({
      email: 'ada@example.com',
      count: 3,
      priority: 'high',
      notify: true,
      items: [{ name: 'second' }],
      source: { kind: 'FILE', data: 'abc' },
      metadata: { team: 'core' },
      text: 'Hello',
    });
    expect(cspViolations).toEqual([]);
  });
});
