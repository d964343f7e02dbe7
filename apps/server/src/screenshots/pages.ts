/**
 * @module The pages `pnpm screenshots` captures, in README order. A page another branch adds
 * is one line here; one not built yet shows "Page not found" and is skipped with a log line.
 */
import type { DemoData } from './demo-data.ts';

export interface ScreenshotPage {
  /** The PNG's file name (without .png) and the name `--only` takes. */
  name: string;
  /** The dashboard path, or one built from the seeded demo data. */
  path: string | ((demo: DemoData) => string);
}

export const SCREENSHOT_PAGES: ScreenshotPage[] = [
  { name: 'overview', path: '/' },
  { name: 'connections', path: '/connections' },
  { name: 'connection', path: (demo) => `/connections/${demo.connectionId}` },
  { name: 'runs', path: '/runs' },
  { name: 'run', path: (demo) => `/runs/${demo.failedRunId}` },
  { name: 'connectors', path: '/connectors' },
  { name: 'try', path: (demo) => `/try?connection=${demo.connectionId}&action=echo` },
  { name: 'api-keys', path: '/api-keys' },
  { name: 'members', path: '/members' },
  { name: 'oauth-apps', path: '/oauth-apps' },
  { name: 'webhooks', path: '/webhooks' },
  { name: 'audit', path: '/audit' },
  { name: 'connect-account', path: '/connections/new' },
  // The end-user connect page (served by the server, not the dashboard) of a fresh connect link.
  { name: 'connect', path: (demo) => demo.connectPath },
];

/** A file name for a path given on the command line: `/runs?status=failed` -> `runs-status-failed`. */
export const pathName = (pagePath: string): string =>
  pagePath
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase() || 'home';
