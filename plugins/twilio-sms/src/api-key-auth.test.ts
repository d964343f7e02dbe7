import { connectorFailure, createTestHarness } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { signingToken, twilioAuth } from './auth.ts';
import { twilioSms } from './index.ts';

const SID = 'AC0123456789abcdef0123456789abcdef';
const KEY = 'SK0123456789abcdef0123456789abcdef';
const KEY_SECRET = 'keySecret0123456789abcdef012345';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Twilio API key authentication (PROVIDERS T1)', () => {
  it('authenticates with the API key SID and secret, the Account SID staying in the path', async () => {
    const h = createTestHarness(twilioSms, { credentials: { accountSid: SID, apiKeySid: KEY, apiKeySecret: KEY_SECRET } });
    try {
      h.on('POST', `/2010-04-01/Accounts/${SID}/Messages.json`).reply(201, {
        sid: 'SM1234567890abcdef1234567890abcdef',
        account_sid: SID,
        status: 'queued',
        to: '+14155552671',
        from: '+14155552345',
        body: 'hi',
        num_segments: '1',
        date_created: 'Thu, 24 Aug 2023 05:01:45 +0000',
        direction: 'outbound-api',
        price: null,
        price_unit: 'USD',
        error_code: null,
        error_message: null,
      });
      await h.run('sendSms', { to: '+14155552671', from: '+14155552345', body: 'hi' });
      expect(h.requests[0]?.headers.authorization).toBe(basic(KEY, KEY_SECRET));
    } finally {
      await h.close();
    }
  });

  it('still takes the Account SID and auth token', () => {
    expect(twilioAuth.fields.safeParse({ accountSid: SID, authToken: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' }).success).toBe(true);
  });

  it('refuses a key without its secret, and credentials with neither a key nor a token', () => {
    const half = twilioAuth.fields.safeParse({ accountSid: SID, apiKeySid: KEY });
    expect(half.error?.issues[0]?.path).toEqual(['apiKeySecret']);
    const none = twilioAuth.fields.safeParse({ accountSid: SID });
    expect(none.error?.issues[0]?.path).toEqual(['authToken']);
  });

  it('tells a trigger that webhooks need the auth token, which an API key cannot replace', async () => {
    expect(() => signingToken({ accountSid: SID, apiKeySid: KEY, apiKeySecret: KEY_SECRET })).toThrow(/auth token/);
    const error = await connectorFailure(
      Promise.resolve().then(() => signingToken({ accountSid: SID, apiKeySid: KEY, apiKeySecret: KEY_SECRET })),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', path: 'authToken' });
  });
});
