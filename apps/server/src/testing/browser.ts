/**
 * @module Test helper: a real Chromium (Debian's `chromium` package, never a downloaded one)
 * driven by playwright-core, and an axe-core accessibility check of the page it shows.
 */
import { existsSync } from 'node:fs';
import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where the browser is: PATCHBAY_CHROMIUM, or the Debian package's path. */
export const CHROMIUM_PATH = process.env.PATCHBAY_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium, or fails with what to install (a missing browser is a failure, not a skip). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: the browser tests need it. Install Debian's package (apt-get install -y chromium; .ci/run does this) or set PATCHBAY_CHROMIUM to a Chromium binary.`,
    );
  }
  // No sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page as it is now and returns its serious and critical violations.
 * axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
 * check needs no weakening of the policy under test.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
        };
      }
    ).axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
