import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { slack } from './index.ts';

let h: Harness<typeof slack>;
afterEach(() => h.close());

function revoke(accessToken: string) {
  const hook = slack.auth.revoke;
  if (!hook) throw new Error('slack declares no revoke hook');
  return h.oauthHook((ctx) => hook({ accessToken, scopes: [] }, ctx));
}

describe('Slack revocation (auth.revoke)', () => {
  it('authenticates with the token itself and counts only ok: true as revoked', async () => {
    h = createTestHarness(slack, { credentials: { accessToken: 'xoxb-1' } });
    h.on('POST', '/auth.revoke').reply(200, { ok: true, revoked: true });
    expect(await revoke('xoxb-1')).toBe(true);
    expect(h.requests[0]?.headers.authorization).toBe('Bearer xoxb-1');
  });

  it('reports ok: false at HTTP 200 as not revoked', async () => {
    h = createTestHarness(slack, { credentials: { accessToken: 'xoxb-1' } });
    h.on('POST', '/auth.revoke').reply(200, { ok: false, error: 'invalid_auth' });
    expect(await revoke('xoxb-dead')).toBe(false);
  });
});
