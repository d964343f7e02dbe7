/**
 * @module `pnpm screenshots [--only overview,runs,/some/path] [--out dir]`: starts a demo server (embedded
 * Postgres, the built dashboard, believable data), photographs the dashboard's pages in Chromium
 * at 1280×800 into docs/screenshots/<page>.png, and exits non-zero when a page shows an error
 * state (2 for an unknown page name), so the pictures cannot silently go stale or wrong.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../testing/browser.ts';
import { capturePages } from './capture.ts';
import { seedDemo } from './demo-data.ts';
import { startDemoServer } from './demo-server.ts';
import { pathName, SCREENSHOT_PAGES, type ScreenshotPage } from './pages.ts';

const REPO = path.resolve(import.meta.dirname, '../../../..');
const { values } = parseArgs({
  options: { only: { type: 'string' }, out: { type: 'string', default: path.join(REPO, 'docs/screenshots') } },
});
const log = (line: string) => process.stderr.write(`screenshots: ${line}\n`);

// `--only` takes page names, or dashboard paths (`/runs?status=failed`) photographed under a name made from them.
const wanted = values.only?.split(',').map((name) => name.trim());
const unknown = wanted?.filter((name) => !name.startsWith('/') && !SCREENSHOT_PAGES.some((p) => p.name === name)) ?? [];
if (unknown.length) {
  log(`unknown page(s) ${unknown.join(', ')}; known: ${SCREENSHOT_PAGES.map((p) => p.name).join(', ')}, or a path starting with /`);
  process.exit(2);
}
const pages: ScreenshotPage[] = wanted
  ? wanted.map((name) => SCREENSHOT_PAGES.find((p) => p.name === name) ?? { name: pathName(name), path: name })
  : SCREENSHOT_PAGES;

const server = await startDemoServer();
let failed = 0;
try {
  const demo = await seedDemo(server);
  const browser = await launchChromium();
  try {
    const results = await capturePages(browser, server.url, pages, demo, path.resolve(values.out), log);
    failed = results.filter((r) => r.outcome === 'failed').length;
    const written = results.filter((r) => r.outcome === 'written').length;
    log(`${written} written, ${results.length - written - failed} skipped, ${failed} failed`);
  } finally {
    await browser.close();
  }
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
