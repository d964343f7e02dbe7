import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_PAGES } from './account-pages.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the pages mailed links open', () => {
  it('serve each link path a page whose only script is the one its CSP allows', async () => {
    for (const [path, page] of Object.entries(ACCOUNT_PAGES)) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await res.text();
      expect(html).toContain(`data-procedure="${page.procedure}"`);
      const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
      expect(scripts).toHaveLength(1);
      // Parsed (not run): a syntax error would leave the button dead.
      expect(() => new Script(scripts[0] ?? '')).not.toThrow();
      const hash = createHash('sha256')
        .update(scripts[0] ?? '')
        .digest('base64');
      expect(res.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);
    }
  });

  it('opening the link spends nothing: the token works only when the button posts it', async () => {
    const email = `scanned-${Date.now()}@example.com`;
    ok(await new HttpSession(server.url).mutation('auth.signUp', { email, password: 'a long unusual phrase' }));
    const token = await server.outbox.token(email, 'verify-email');
    const link = server.outbox.mails.findLast((m) => m.to === email)?.link ?? '';
    expect(link).toBe(`${server.url}/verify-email#token=${token}`);
    // A link scanner fetches the URL (browsers and scanners never send the fragment).
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(`${server.url}/verify-email?token=${token}`)).status).toBe(200);
    ok(await new HttpSession(server.url).mutation('auth.verifyEmail', { token }));
  });
});
