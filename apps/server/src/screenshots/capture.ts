/**
 * @module Drives Chromium (1280×800) through the dashboard pages, signed in as the demo user,
 * and writes one PNG per page. A page showing "Page not found" is skipped (not built yet); a
 * page showing an error state, or throwing in the browser, is reported as failed.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, type DemoData } from './demo-data.ts';
import type { ScreenshotPage } from './pages.ts';

export type CaptureResult =
  | { name: string; path: string; outcome: 'written'; file: string }
  | { name: string; path: string; outcome: 'skipped' | 'failed'; reason: string };

const SETTLE_MS = 15_000;

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/signin`);
  await page.getByLabel('Email').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: SETTLE_MS });
}

/** Waits until the page has a heading or an error and no "Loading …" status left, then says what it shows. */
async function settle(page: Page): Promise<{ heading: string; alert: string | null }> {
  // A page that failed to load may show its error without a heading.
  await page.locator('h1, [role="alert"]').first().waitFor({ timeout: SETTLE_MS });
  // Polled from outside the page: the dashboard's CSP rightly refuses evaluated strings.
  const loading = page.getByRole('status').filter({ hasText: /^\s*Loading/ });
  for (const deadline = Date.now() + SETTLE_MS; (await loading.count()) > 0; ) {
    if (Date.now() > deadline) throw new Error(`still loading after ${SETTLE_MS} ms`);
    await page.waitForTimeout(100);
  }
  await page.waitForLoadState('networkidle');
  const headings = page.locator('h1');
  const heading = (await headings.count()) > 0 ? ((await headings.first().textContent()) ?? '').trim() : '';
  const alerts = page.locator('[role="alert"]:visible');
  if ((await alerts.count()) === 0) return { heading, alert: null };
  // The message, without the "Try again" button's text when the alert has one.
  const message = alerts.first().locator('p');
  const alert = ((await ((await message.count()) > 0 ? message.first() : alerts.first()).textContent()) ?? '').trim();
  return { heading, alert };
}

export async function capturePages(
  browser: Browser,
  url: string,
  pages: ScreenshotPage[],
  demo: DemoData,
  outDir: string,
  log: (line: string) => void,
): Promise<CaptureResult[]> {
  await mkdir(outDir, { recursive: true });
  // A fixed zone and locale, so the times in the pictures do not depend on who regenerates them.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Paris', locale: 'en-GB' });
  const page = await context.newPage();
  const thrown: string[] = [];
  page.on('pageerror', (error) => thrown.push(error.message));
  const results: CaptureResult[] = [];
  try {
    await signIn(page, url);
    for (const entry of pages) {
      const pagePath = typeof entry.path === 'function' ? entry.path(demo) : entry.path;
      thrown.length = 0;
      const result = await captureOne(page, url, entry.name, pagePath, outDir, thrown);
      log(result.outcome === 'written' ? `wrote ${result.file}` : `${result.outcome} ${entry.name} (${pagePath}): ${result.reason}`);
      results.push(result);
    }
  } finally {
    await context.close();
  }
  return results;
}

async function captureOne(
  page: Page,
  url: string,
  name: string,
  pagePath: string,
  outDir: string,
  thrown: string[],
): Promise<CaptureResult> {
  try {
    await page.goto(`${url}${pagePath}`);
    const { heading, alert } = await settle(page);
    if (heading === 'Page not found') return { name, path: pagePath, outcome: 'skipped', reason: 'the dashboard has no such page yet' };
    if (alert) return { name, path: pagePath, outcome: 'failed', reason: `the page shows an error: ${alert}` };
    if (thrown.length) return { name, path: pagePath, outcome: 'failed', reason: `the page threw: ${thrown[0]}` };
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file });
    return { name, path: pagePath, outcome: 'written', file };
  } catch (error) {
    return {
      name,
      path: pagePath,
      outcome: 'failed',
      reason: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    };
  }
}
