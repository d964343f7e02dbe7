import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { slack } from './index.ts';

let h: Harness<typeof slack>;
const fresh = () => {
  h = createTestHarness(slack, { credentials: { accessToken: 'xoxb-err-test-token' } });
  return h;
};
afterEach(() => h.close());

const post = { channel: 'C123', text: 'hi' };

describe('Slack errors (HTTP 200 with ok: false)', () => {
  it('maps an expired or revoked token to AUTH_EXPIRED and a bad one to AUTH_INVALID, without retrying', async () => {
    fresh().on('POST', '/chat.postMessage').reply(200, { ok: false, error: 'token_expired' });
    expect(await failure(h.run('postMessage', post))).toMatchObject({ code: 'AUTH_EXPIRED', providerCode: 'token_expired' });
    await h.close();
    fresh().on('POST', '/chat.postMessage').reply(200, { ok: false, error: 'invalid_auth' });
    expect((await failure(h.run('postMessage', post))).code).toBe('AUTH_INVALID');
    expect(h.requests).toHaveLength(1);
  });

  it('waits as Retry-After says on HTTP 429, then succeeds', async () => {
    fresh()
      .on('POST', '/chat.postMessage')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '3' })
      .reply(200, { ok: true, channel: 'C123', ts: '1.2' });
    expect(await h.run('postMessage', post)).toEqual({ channel: 'C123', ts: '1.2' });
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(3000);
  });

  it('reports invalid arguments as INVALID_INPUT, and a missing scope with the scope needed', async () => {
    fresh().on('POST', '/chat.postMessage').reply(200, { ok: false, error: 'invalid_arguments' });
    expect((await failure(h.run('postMessage', post))).code).toBe('INVALID_INPUT');
    await h.close();
    fresh()
      .on('POST', '/reactions.add')
      .reply(200, { ok: false, error: 'missing_scope', needed: 'reactions:write', provided: 'chat:write' });
    const error = await failure(h.run('addReaction', { channel: 'C1', timestamp: '1.2', name: 'tada' }));
    expect([error.code, error.message]).toEqual(['FORBIDDEN_SCOPE', 'Slack refused: missing_scope (needs reactions:write)']);
  });

  it('reports unknown channels and users as NOT_FOUND, and a repeated reaction as CONFLICT', async () => {
    fresh().on('POST', '/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    expect((await failure(h.run('postMessage', post))).code).toBe('NOT_FOUND');
    await h.close();
    fresh().on('GET', '/users.lookupByEmail').reply(200, { ok: false, error: 'users_not_found' });
    expect((await failure(h.run('lookupUserByEmail', { email: 'nobody@example.com' }))).code).toBe('NOT_FOUND');
    await h.close();
    fresh().on('POST', '/reactions.add').reply(200, { ok: false, error: 'already_reacted' });
    expect((await failure(h.run('addReaction', { channel: 'C1', timestamp: '1.2', name: 'tada' }))).code).toBe('CONFLICT');
  });

  it('checks input before calling Slack', async () => {
    fresh();
    const error = await failure(h.run('addReaction', { channel: 'C1', timestamp: '1.2', name: ':tada:' }));
    expect([error.code, error.path]).toEqual(['INVALID_INPUT', 'name']);
    expect(h.requests).toEqual([]);
  });

  it('runs its health check against auth.test', async () => {
    fresh().on('POST', '/auth.test').reply(200, { ok: true, team_id: 'T1', user_id: 'U1' });
    await h.healthCheck();
    await h.close();
    fresh().on('POST', '/auth.test').reply(200, { ok: false, error: 'invalid_auth' });
    await expect(h.healthCheck()).rejects.toMatchObject({ code: 'AUTH_INVALID' });
  });
});
