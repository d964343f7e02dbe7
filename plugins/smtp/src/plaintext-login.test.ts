import { connectorFailure, createTestHarness } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { smtpFields } from './credentials.ts';
import { smtp } from './index.ts';

const base = { host: 'smtp.example.com', port: 25, username: 'mailer', password: 'smtp-password' };

describe("security: 'none' with a password (PROVIDERS M2)", () => {
  it('is refused, naming security, unless the connection allows a plaintext login', () => {
    const refused = smtpFields.safeParse({ ...base, security: 'none' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['security']);
    expect(refused.error?.issues[0]?.message).toMatch(/in clear/);
    expect(smtpFields.safeParse({ ...base, security: 'none', allowPlaintextLogin: true }).success).toBe(true);
  });

  it('leaves TLS and STARTTLS as they were', () => {
    expect(smtpFields.parse({ ...base, port: 587 })).toMatchObject({ security: 'starttls', allowPlaintextLogin: false });
    expect(smtpFields.safeParse({ ...base, port: 465, security: 'tls' }).success).toBe(true);
  });

  it('a stored connection without the opt-in fails before any connection is opened', async () => {
    const h = createTestHarness(smtp, { credentials: { ...base, security: 'none' } });
    try {
      const error = await connectorFailure(h.run('sendEmail', { to: ['ada@example.com'], subject: 'x', text: 'y', from: 'a@acme.test' }));
      expect(error.code).toBe('AUTH_INVALID');
      expect(error.message).not.toContain('smtp-password');
    } finally {
      await h.close();
    }
  });
});
