import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dashboardIsStale } from '@patchbay/dashboard/build';
import { SERVER_PATHS } from '@patchbay/dashboard/server-paths';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP } from './dashboard-routes.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let dist: string;
let server: TestServer;
const INDEX = '<!doctype html><title>Patchbay</title><script type="module" src="/assets/index-abc123.js"></script>';
const html = { accept: 'text/html,application/xhtml+xml' };

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'patchbay-dashboard-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), INDEX);
  await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  server = await startTestServer({ dashboardDir: dist });
});
afterAll(async () => {
  await server?.close();
  await rm(dist, { recursive: true, force: true });
});

describe('the dashboard at /', () => {
  it('serves index.html uncached with a strict CSP and no inline script allowed', async () => {
    const res = await fetch(`${server.url}/`, { headers: html });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain('unsafe-inline');
  });

  it('serves hashed assets as immutable with their type, and 404s unknown ones', async () => {
    const res = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/assets/missing-1.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/assets/..%2Findex.html`)).status).toBe(404);
  });

  it('answers client routes with index.html (SPA fallback) for browsers, JSON 404 for API clients', async () => {
    // The mailed links' pages are the dashboard's too: one look and one flow with sign-in.
    for (const route of ['/connections', '/runs/0b6f3c8e-53a4-4c8e-9a43-0d1f2b3c4d5e', '/signin', '/verify-email', '/accept-invitation']) {
      const res = await fetch(`${server.url}${route}`, { headers: html });
      expect(res.status, route).toBe(200);
      expect(await res.text()).toBe(INDEX);
    }
    const api = await fetch(`${server.url}/connections`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('never shadows the server paths, even for a browser asking for HTML', async () => {
    expect((await fetch(`${server.url}/healthz`, { headers: html })).status).toBe(200);
    expect(await (await fetch(`${server.url}/openapi.json`, { headers: html })).json()).toHaveProperty('openapi');
    const trpc = await fetch(`${server.url}/trpc/auth.me`, { headers: html });
    expect(trpc.headers.get('content-type')).toContain('application/json');
    for (const prefix of SERVER_PATHS) {
      const res = await fetch(`${server.url}${prefix}/x`, { headers: html });
      expect(await res.text(), prefix).not.toBe(INDEX);
    }
  });
});

describe('dashboardIsStale', () => {
  it('is stale with no build, fresh after one newer than every source, stale again when a source is newer', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'patchbay-dashboard-out-'));
    try {
      expect(await dashboardIsStale(out)).toBe(true);
      const index = path.join(out, 'index.html');
      await writeFile(index, INDEX);
      const future = new Date(Date.now() + 3_600_000);
      await utimes(index, future, future);
      expect(await dashboardIsStale(out)).toBe(false);
      const past = new Date(Date.now() - 365 * 86_400_000);
      await utimes(index, past, past);
      expect(await dashboardIsStale(out)).toBe(true);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
