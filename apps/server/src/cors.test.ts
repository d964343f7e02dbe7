import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { parseCorsOrigins } from './cors.ts';
import { createLogger } from './logger.ts';
import { testAccounts } from './testing/test-accounts.ts';
import { createTestEngine } from './testing/test-engine.ts';

let t: TestDatabase;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  t = await createTestDatabase();
  const { corsOrigins } = loadConfig({ PATCHBAY_CORS_ORIGINS: 'https://app.example.com' });
  app = createApp({
    db: t.db,
    logger: createLogger('silent'),
    engine: createTestEngine(t.db),
    corsOrigins,
    accounts: testAccounts('http://127.0.0.1').services,
  });
});
afterAll(() => t.destroy());

const preflight = (origin: string) =>
  app.request('http://localhost/trpc/auth.signIn', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-patchbay-csrf' },
  });

describe('CORS for PATCHBAY_CORS_ORIGINS', () => {
  it('answers a preflight from a listed origin with credentials, methods and headers', async () => {
    const res = await preflight('https://app.example.com');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    for (const header of ['content-type', 'x-patchbay-csrf', 'x-patchbay-org', 'authorization']) {
      expect(res.headers.get('access-control-allow-headers')).toContain(header);
    }
  });

  it('does not answer a preflight from another origin', async () => {
    const res = await preflight('https://evil.example.net');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.status).toBe(403);
  });

  it('lets a listed origin through the CSRF check and exposes the answer to it; others stay refused', async () => {
    const call = (origin: string) =>
      app.request('http://localhost/trpc/auth.signIn', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'not the password' }),
      });
    const listed = await call('https://app.example.com');
    expect(listed.status).toBe(401);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await call('https://evil.example.net');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a malformed origin list in configuration', () => {
    expect(() => parseCorsOrigins('https://app.example.com/path')).toThrow('not an origin');
    expect(() => loadConfig({ PATCHBAY_CORS_ORIGINS: 'app.example.com' })).toThrow(/^invalid configuration: PATCHBAY_CORS_ORIGINS /);
  });
});
