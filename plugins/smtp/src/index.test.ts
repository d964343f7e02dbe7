import { createTestHarness, connectorFailure as failure, testConnector } from '@patchbay/sdk/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { smtp } from './index.ts';
import { type SmtpSink, startSmtpSink } from './testing/smtp-sink.ts';

const LOGIN = { username: 'mailer', password: 'smtp-password-never-logged' };
// Filled in once the sink listens; the harness reads credentials when each test runs.
// The sink speaks no TLS, so these credentials opt into a plaintext login (a test-only relay on loopback).
const credentials = {
  host: '127.0.0.1',
  port: 0,
  security: 'none',
  allowPlaintextLogin: true,
  ...LOGIN,
  from: 'Acme <no-reply@acme.test>',
};
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink(LOGIN);
  credentials.port = sink.port;
});
afterAll(() => sink.close());

const message = {
  to: ['ada@example.com'],
  cc: ['bob@example.com'],
  bcc: ['eve@example.com'],
  replyTo: 'support@acme.test',
  subject: 'Réunion à 10h',
  text: 'Bonjour Ada',
  html: '<p>Bonjour <b>Ada</b></p>',
  attachments: [{ filename: 'notes.txt', contentType: 'text/plain', contentBase64: Buffer.from('hello file').toString('base64') }],
};

testConnector(smtp, {
  credentials,
  fixtures: {
    sendEmail: {
      input: message,
      setup: () => {},
      check: (output) =>
        expect(output).toMatchObject({ accepted: ['ada@example.com', 'bob@example.com', 'eve@example.com'], rejected: [] }),
    },
  },
});

describe('SMTP end to end against a real SMTP server on 127.0.0.1', () => {
  it('delivers with the right envelope, headers, bodies and attachment, and no Bcc header', async () => {
    const h = createTestHarness(smtp, { credentials });
    try {
      const before = sink.received.length;
      const output = await h.run('sendEmail', message, { idempotencyKey: 'order-42-mail' });
      const mail = sink.received[before];
      expect(mail?.envelope).toEqual({ from: 'no-reply@acme.test', to: ['ada@example.com', 'bob@example.com', 'eve@example.com'] });
      const parsed = mail?.parsed;
      expect(parsed?.subject).toBe('Réunion à 10h');
      expect(parsed?.from?.text).toBe('"Acme" <no-reply@acme.test>');
      expect(parsed?.to && 'text' in parsed.to ? parsed.to.text : '').toBe('ada@example.com');
      expect(parsed?.cc && 'text' in parsed.cc ? parsed.cc.text : '').toBe('bob@example.com');
      expect(parsed?.replyTo?.text).toBe('support@acme.test');
      expect(parsed?.headers.has('bcc')).toBe(false);
      expect(parsed?.text?.trim()).toBe('Bonjour Ada');
      expect(parsed?.html).toBe('<p>Bonjour <b>Ada</b></p>');
      expect(parsed?.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
        ['notes.txt', 'text/plain', 'hello file'],
      ]);
      expect(parsed?.messageId).toBe(output.messageId);
      expect(JSON.stringify(h.logs)).not.toContain(LOGIN.password);
      expect(h.requests).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('health check: verifies the login; a wrong password is AUTH_INVALID', async () => {
    const good = createTestHarness(smtp, { credentials });
    await expect(good.healthCheck()).resolves.toBeUndefined();
    await good.close();
    const bad = createTestHarness(smtp, { credentials: { ...credentials, password: 'wrong-password' } });
    const error = await failure(bad.healthCheck());
    expect(error).toMatchObject({ code: 'AUTH_INVALID', providerCode: '535' });
    expect(error.message).not.toContain('wrong-password');
    // The server's reply text is not passed on: a fixed message only.
    expect(error.message).toBe('The SMTP server refused the login');
    await bad.close();
  });

  it('maps a refused recipient to INVALID_INPUT, a 421 to RATE_LIMITED and an unreachable server to UPSTREAM', async () => {
    const h = createTestHarness(smtp, { credentials });
    expect(await failure(h.run('sendEmail', { to: ['reject-me@example.com'], subject: 's', text: 't' }))).toMatchObject({
      code: 'INVALID_INPUT',
      providerCode: '550',
    });
    sink.deferNext = true;
    expect(await failure(h.run('sendEmail', { to: ['ada@example.com'], subject: 's', text: 't' }))).toMatchObject({
      code: 'RATE_LIMITED',
      providerCode: '421',
    });
    await h.close();
    const down = createTestHarness(smtp, { credentials: { ...credentials, port: 1 } });
    expect((await failure(down.run('sendEmail', { to: ['ada@example.com'], subject: 's', text: 't' }))).code).toBe('UPSTREAM');
    await down.close();
  });

  describe('in production mode (NODE_ENV=production)', () => {
    afterEach(() => vi.unstubAllEnvs());

    it('refuses a host that is or resolves to an internal address, before connecting', async () => {
      vi.stubEnv('NODE_ENV', 'production');
      vi.stubEnv('PATCHBAY_EGRESS_ALLOW_PRIVATE', '');
      const before = sink.received.length;
      for (const host of ['127.0.0.1', 'localhost', '::ffff:127.0.0.1', '169.254.169.254']) {
        const h = createTestHarness(smtp, { credentials: { ...credentials, host } });
        const health = await failure(h.healthCheck());
        expect(health, host).toMatchObject({ code: 'INVALID_INPUT', message: 'The SMTP host resolves to an internal address' });
        const send = await failure(h.run('sendEmail', { to: ['ada@example.com'], subject: 's', text: 't' }));
        expect(send.code, host).toBe('INVALID_INPUT');
        await h.close();
      }
      expect(sink.received.length).toBe(before);
    });

    it('allows it when the operator opts in (a relay on a private network)', async () => {
      vi.stubEnv('NODE_ENV', 'production');
      vi.stubEnv('PATCHBAY_EGRESS_ALLOW_PRIVATE', 'true');
      const h = createTestHarness(smtp, { credentials });
      await expect(h.healthCheck()).resolves.toBeUndefined();
      await h.close();
    });
  });

  it('refuses input without a body before connecting', async () => {
    const h = createTestHarness(smtp, { credentials });
    const before = sink.received.length;
    expect((await failure(h.run('sendEmail', { to: ['ada@example.com'], subject: 's' }))).code).toBe('INVALID_INPUT');
    expect(sink.received.length).toBe(before);
    await h.close();
  });
});
