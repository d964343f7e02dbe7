import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { firstFieldError } from './discord-errors.ts';
import { discord } from './index.ts';
import { nonceFor } from './schemas.ts';

const CHANNEL = '1052476383196569640';
const MESSAGES = `/api/v10/channels/${CHANNEL}/messages`;
const send = { channelId: CHANNEL, content: 'hi' };
const sent = {
  id: '1235537389411131456',
  channel_id: CHANNEL,
  author: { id: '1052476383196569000' },
  content: 'hi',
  timestamp: '2024-05-02T09:15:27.123000+00:00',
  edited_timestamp: null,
};

let h: Harness<typeof discord>;
const fresh = (botToken = 'MTA1MjQ3.GxYz1a.error-test-token') => {
  h = createTestHarness(discord, { credentials: { botToken } });
  return h;
};

describe('Discord errors', () => {
  afterEach(() => h.close());

  it('a bad bot token (401) is AUTH_INVALID, not retried', async () => {
    fresh().on('POST', MESSAGES).always(401, { message: '401: Unauthorized', code: 0 });
    expect(await failure(h.run('sendMessage', send))).toMatchObject({ code: 'AUTH_INVALID', status: 401, providerCode: '0' });
    expect(h.requests).toHaveLength(1);
  });

  it('a 429 waits the body’s retry_after (seconds, a float), then succeeds', async () => {
    fresh()
      .on('POST', MESSAGES)
      .reply(
        429,
        { message: 'You are being rate limited.', retry_after: 1.337, global: false },
        { 'retry-after': '2', 'x-ratelimit-scope': 'user' },
      )
      .reply(200, sent);
    expect((await h.run('sendMessage', send)).id).toBe('1235537389411131456');
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(1337);
  });

  it('a 429 without retry_after in the body waits as Retry-After says; a global one says so', async () => {
    fresh().on('POST', MESSAGES).always(429, { message: 'You are being rate limited.', global: true, code: 0 }, { 'retry-after': '4' });
    const error = await failure(h.run('sendMessage', send));
    expect([error.code, error.retryAfterMs, error.message]).toEqual([
      'RATE_LIMITED',
      4000,
      'Discord rate limit (global): You are being rate limited.',
    ]);
    expect(h.sleeps.every((ms) => ms >= 4000)).toBe(true);
  });

  it('Missing Permissions (50013) and Missing Access (50001) are FORBIDDEN_SCOPE', async () => {
    fresh().on('POST', MESSAGES).reply(403, { message: 'Missing Permissions', code: 50013 });
    expect(await failure(h.run('sendMessage', send))).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      providerCode: '50013',
      message: 'Discord refused: Missing Permissions',
    });
    await h.close();
    fresh().on('GET', '/api/v10/guilds/1052476383196569600/channels').reply(403, { message: 'Missing Access', code: 50001 });
    expect(await failure(h.run('listGuildChannels', { guildId: '1052476383196569600' }))).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
      providerCode: '50001',
    });
  });

  it('Unknown Channel (10003) and Unknown Message (10008) are NOT_FOUND', async () => {
    fresh().on('POST', MESSAGES).reply(404, { message: 'Unknown Channel', code: 10003 });
    expect(await failure(h.run('sendMessage', send))).toMatchObject({ code: 'NOT_FOUND', providerCode: '10003' });
    await h.close();
    fresh().on('PATCH', `${MESSAGES}/1235537389411131457`).reply(404, { message: 'Unknown Message', code: 10008 });
    const edit = { channelId: CHANNEL, messageId: '1235537389411131457', content: 'x' };
    expect(await failure(h.run('editMessage', edit))).toMatchObject({ code: 'NOT_FOUND', providerCode: '10008' });
  });

  it('Invalid Form Body (50035) is INVALID_INPUT with the first failing field', async () => {
    fresh()
      .on('POST', MESSAGES)
      .reply(400, {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          embeds: { '0': { description: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 4096 or fewer in length.' }] } } },
        },
      });
    const error = await failure(h.run('sendMessage', { ...send, embeds: [{ description: 'x' }] }));
    expect([error.code, error.status, error.providerCode, error.path]).toEqual(['INVALID_INPUT', 400, '50035', 'embeds.0.description']);
    expect(error.message).toBe('Discord refused: Invalid Form Body (embeds.0.description: Must be 4096 or fewer in length.)');
  });

  it('passes the idempotency key as an enforced nonce, so a retried send posts once', async () => {
    fresh().on('POST', MESSAGES).reply(429, { message: 'You are being rate limited.', retry_after: 0.5, global: false }).reply(200, sent);
    await h.run('sendMessage', send, { idempotencyKey: 'deploy-42' });
    expect(h.requests.map((r) => r.json())).toEqual([
      { content: 'hi', allowed_mentions: { parse: [] }, nonce: 'deploy-42', enforce_nonce: true },
      { content: 'hi', allowed_mentions: { parse: [] }, nonce: 'deploy-42', enforce_nonce: true },
    ]);
  });

  it('sends an enforced nonce even without an idempotency key, so a send retried after a 502 keeps it', async () => {
    fresh().on('POST', MESSAGES).reply(502, { message: 'Bad Gateway' }).reply(200, sent);
    await h.run('sendMessage', send);
    const [first, second] = h.requests.map((r) => r.json() as { nonce?: string; enforce_nonce?: boolean });
    expect(first?.enforce_nonce).toBe(true);
    expect(first?.nonce).toMatch(/^pb-[0-9a-z]+$/);
    expect(second).toEqual(first);
  });

  it('checks input and the token before calling Discord', async () => {
    fresh();
    const error = await failure(h.run('sendMessage', { channelId: 'general', content: 'hi' }));
    expect([error.code, error.path]).toEqual(['INVALID_INPUT', 'channelId']);
    const empty = await failure(h.run('editMessage', { channelId: CHANNEL, messageId: '1235537389411131456' }));
    expect(empty.code).toBe('INVALID_INPUT');
    expect(h.requests).toEqual([]);
    await h.close();
    fresh('Bot MTA1MjQ3.GxYz1a.error-test-token');
    expect((await failure(h.run('sendMessage', send))).code).toBe('AUTH_INVALID');
    expect(h.requests).toEqual([]);
  });

  it('runs its health check against GET /users/@me', async () => {
    fresh().on('GET', '/api/v10/users/@me').reply(200, { id: '1052476383196569000', username: 'patchbay-bot', bot: true });
    await h.healthCheck();
    expect(h.requests[0]?.headers.authorization).toBe('Bot MTA1MjQ3.GxYz1a.error-test-token');
    await h.close();
    fresh().on('GET', '/api/v10/users/@me').reply(401, { message: '401: Unauthorized', code: 0 });
    await expect(h.healthCheck()).rejects.toMatchObject({ code: 'AUTH_INVALID' });
  });
});

describe('Discord helpers', () => {
  it('finds the first failing field of a nested errors object', () => {
    expect(firstFieldError({ content: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } })).toEqual({
      path: 'content',
      message: 'This field is required',
    });
    expect(firstFieldError(undefined)).toBeUndefined();
  });

  it('keeps a short idempotency key as the nonce and hashes a long one to at most 25 characters', () => {
    expect(nonceFor('order-42')).toBe('order-42');
    const long = nonceFor('3f2b8c1e-9d4a-4f6b-8e2d-7a1c5b9e0f3d');
    expect(long.length).toBeLessThanOrEqual(25);
    expect(long).toBe(nonceFor('3f2b8c1e-9d4a-4f6b-8e2d-7a1c5b9e0f3d'));
    expect(long).not.toBe(nonceFor('3f2b8c1e-9d4a-4f6b-8e2d-7a1c5b9e0f3e'));
  });
});
