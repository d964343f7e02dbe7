import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { whatsapp } from './index.ts';

const PHONE = '106540352242922';
const MESSAGES = `/v25.0/${PHONE}/messages`;
const TEXT = { to: '+16505551234', body: 'hello' };

let open: Harness<typeof whatsapp> | undefined;
const fresh = () => {
  open = createTestHarness(whatsapp, {
    credentials: { accessToken: 'EAAJB-errors-test-token-000000' },
    connection: { params: { phoneNumberId: PHONE, wabaId: '102290129340398' } },
  });
  return open;
};
afterEach(async () => {
  await open?.close();
  open = undefined;
});

const graphError = (code: number, message: string, extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123', ...extra },
});

describe('WhatsApp errors', () => {
  it('131047 outside the 24-hour window is INVALID_INPUT saying to send a template', async () => {
    const h = fresh();
    h.on('POST', MESSAGES).reply(
      400,
      graphError(131047, 'Re-engagement message', {
        error_data: {
          messaging_product: 'whatsapp',
          details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        },
      }),
    );
    const error = await failure(h.run('sendText', TEXT));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', providerCode: '131047', status: 400 });
    expect(error.message).toContain('more than 24 hours have passed');
    expect(error.message).toContain('only an approved template (sendTemplate)');
    expect(error.message).toContain('fbtrace_id AbCdEf123');
    expect(h.requests).toHaveLength(1);
  });

  it('an expired or invalid token (190) is AUTH_INVALID: a new token must be pasted', async () => {
    const h = fresh();
    h.on('POST', MESSAGES).reply(401, graphError(190, 'Error validating access token: Session has expired.', { error_subcode: 463 }));
    expect(await failure(h.run('sendText', TEXT))).toMatchObject({ code: 'AUTH_INVALID', providerCode: '190/463' });
  });

  it('a missing permission (10, 200) is FORBIDDEN_SCOPE', async () => {
    const h = fresh();
    h.on('GET', '/v25.0/102290129340398/message_templates').reply(403, graphError(200, 'Permissions error'));
    expect((await failure(h.run('listTemplates', {}))).code).toBe('FORBIDDEN_SCOPE');
  });

  it('an object that does not exist (100 / subcode 33) is NOT_FOUND, a missing template (132001) too', async () => {
    let h = fresh();
    h.on('POST', MESSAGES).reply(
      400,
      graphError(100, "Unsupported post request. Object with ID '1' does not exist", { error_subcode: 33 }),
    );
    expect(await failure(h.run('markRead', { messageId: 'wamid.X' }))).toMatchObject({ code: 'NOT_FOUND', providerCode: '100/33' });
    await open?.close();
    h = fresh();
    h.on('POST', MESSAGES).reply(404, graphError(132001, 'Template name does not exist in the translation'));
    expect((await failure(h.run('sendTemplate', { to: '+16505551234', name: 'nope', languageCode: 'en_US' }))).code).toBe('NOT_FOUND');
  });

  it('invalid parameters are INVALID_INPUT with the blamed field and the user message', async () => {
    const h = fresh();
    h.on('POST', '/v25.0/102290129340398/message_templates').reply(
      400,
      graphError(100, 'Invalid parameter', {
        error_subcode: 2388042,
        error_user_msg: 'Message template name is already used.',
        error_data: { blame_field_specs: [['name']] },
      }),
    );
    const error = await failure(
      h.run('createTemplate', { name: 'dup', languageCode: 'en_US', category: 'UTILITY', components: [{ type: 'BODY', text: 'x' }] }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', path: 'name', providerCode: '100/2388042' });
    expect(error.message).toContain('Message template name is already used.');
  });

  for (const code of [4, 80007, 130429, 131048, 131056]) {
    it(`throttling code ${code} in a 400 is RATE_LIMITED: Meta refused it, so it is retried with backoff, then reported`, async () => {
      const h = fresh();
      const limited = graphError(code, 'Rate limit hit');
      h.on('POST', MESSAGES).reply(400, limited).reply(400, limited).reply(400, limited);
      expect(await failure(h.run('sendText', TEXT))).toMatchObject({ code: 'RATE_LIMITED', providerCode: String(code) });
      expect(h.requests).toHaveLength(3);
      expect(h.sleeps).toHaveLength(2);
    });
  }

  it("takes the wait from X-Business-Use-Case-Usage's estimated_time_to_regain_access (minutes)", async () => {
    const h = fresh();
    const usage = { '102290129340398': [{ type: 'whatsapp_business_management', call_count: 100, estimated_time_to_regain_access: 3 }] };
    h.on('GET', '/v25.0/102290129340398/message_templates').reply(400, graphError(80007, 'Rate limit issues'), {
      'x-business-use-case-usage': JSON.stringify(usage),
    });
    expect(await failure(h.run('listTemplates', {}))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 180_000 });
  });

  it('a server error (131000) is UPSTREAM and a send is not repeated after it', async () => {
    const h = fresh();
    h.on('POST', MESSAGES).reply(500, graphError(131000, 'Something went wrong'));
    expect(await failure(h.run('sendText', TEXT))).toMatchObject({ code: 'UPSTREAM', providerCode: '131000' });
    expect(h.requests).toHaveLength(1);
  });

  it('refuses bad input before sending: a local number, two media sources, a caption on audio', async () => {
    const h = fresh();
    expect((await failure(h.run('sendText', { to: '0612345678', body: 'x' }))).path).toBe('to');
    const both = { to: '+16505551234', kind: 'image' as const, link: 'https://cdn.example.com/a.png', mediaId: '123' };
    expect((await failure(h.run('sendMedia', both))).path).toBe('link');
    const audio = { to: '+16505551234', kind: 'audio' as const, mediaId: '123', caption: 'no' };
    expect((await failure(h.run('sendMedia', audio))).path).toBe('caption');
    expect(h.requests).toHaveLength(0);
  });

  it('the health check reads the phone number', async () => {
    const h = fresh();
    h.on('GET', `/v25.0/${PHONE}?fields=display_phone_number%2Cverified_name%2Cquality_rating`).reply(200, {
      display_phone_number: '+1 650-555-1234',
      verified_name: 'Acme',
      quality_rating: 'GREEN',
      id: PHONE,
    });
    await h.healthCheck();
    expect(h.requests[0]?.headers.authorization).toBe('Bearer EAAJB-errors-test-token-000000');
  });
});
