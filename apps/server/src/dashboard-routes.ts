/**
 * @module Serving the built dashboard (apps/dashboard/dist) at `/`. Hashed files under
 * `/assets/` are immutable and cached for a year; `index.html` is never cached, so a new build
 * is picked up on the next load. Every answer carries a strict Content-Security-Policy (the
 * build has no inline script or style). Client routes get `index.html` (SPA fallback) only for
 * GETs that ask for HTML and only outside the server's own paths, which this never shadows.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SERVER_PATHS } from '@patchbay/dashboard/server-paths';
import { Hono } from 'hono';

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const serverOwns = (pathname: string) => SERVER_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));

const securityHeaders = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

export function dashboardRoutes(distDir: string) {
  const app = new Hono();
  const assets = path.join(distDir, 'assets');

  app.get('/assets/:file{[A-Za-z0-9._-]+}', async (c) => {
    const file = c.req.param('file');
    const type = TYPES[path.extname(file)];
    if (!type) return c.notFound();
    let body: Buffer;
    try {
      body = await readFile(path.join(assets, file));
    } catch {
      return c.notFound();
    }
    return c.body(new Uint8Array(body), 200, {
      ...securityHeaders,
      'content-type': type,
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });

  app.get('*', async (c, next) => {
    const { pathname } = new URL(c.req.url);
    const wantsHtml = c.req.header('accept')?.includes('text/html') ?? false;
    if (serverOwns(pathname) || pathname.startsWith('/assets/') || !wantsHtml) return next();
    let html: string;
    try {
      html = await readFile(path.join(distDir, 'index.html'), 'utf8');
    } catch {
      return next();
    }
    return c.html(html, 200, { ...securityHeaders, 'cache-control': 'no-cache' });
  });
  return app;
}
