import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { base64Ascii } from './basic-auth.ts';
import { twilioSms } from './index.ts';

const SID = 'AC0123456789abcdef0123456789abcdef';
const MESSAGES = `/2010-04-01/Accounts/${SID}/Messages.json`;
const sms = { to: '+14155552671', from: '+14155552345', body: 'hi' };
const queued = {
  sid: 'SM1f0e8ae6ade43cb3c0ce4525424e404f',
  account_sid: SID,
  status: 'queued',
  to: '+14155552671',
  from: '+14155552345',
  body: 'hi',
  num_segments: '1',
};
const twilio = (status: number, code: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

let h: Harness<typeof twilioSms>;
const fresh = (credentials: Record<string, string> = { accountSid: SID, authToken: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' }) => {
  h = createTestHarness(twilioSms, { credentials });
  return h;
};

describe('Twilio errors', () => {
  afterEach(() => h.close());

  it('wrong credentials (401, 20003) are AUTH_INVALID, not retried', async () => {
    fresh()
      .on('POST', MESSAGES)
      .always(401, twilio(401, 20003, 'Authenticate'));
    expect(await failure(h.run('sendSms', sms))).toMatchObject({ code: 'AUTH_INVALID', status: 401, providerCode: '20003' });
    expect(h.requests).toHaveLength(1);
  });

  it('a 429 (20429) is retried after Retry-After, then succeeds', async () => {
    fresh()
      .on('POST', MESSAGES)
      .reply(429, twilio(429, 20429, 'Too Many Requests'), { 'retry-after': '2' })
      .reply(201, queued);
    expect((await h.run('sendSms', sms)).status).toBe('queued');
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(2000);
    expect(h.requests).toHaveLength(2);
  });

  it('an invalid To (21211) is INVALID_INPUT on `to`; a From that cannot send there (21606) on `from`', async () => {
    fresh()
      .on('POST', MESSAGES)
      .reply(400, twilio(400, 21211, "The 'To' number +1415555267 is not a valid phone number."));
    const to = await failure(h.run('sendSms', { ...sms, to: '+1415555267' }));
    expect([to.code, to.status, to.providerCode, to.path]).toEqual(['INVALID_INPUT', 400, '21211', 'to']);
    expect(to.message).toBe("Twilio refused: The 'To' number +1415555267 is not a valid phone number. (21211)");
    await h.close();
    fresh()
      .on('POST', MESSAGES)
      .reply(
        400,
        twilio(
          400,
          21606,
          'The From phone number +14155552345 is not a valid, SMS-capable inbound phone number or short code for your account.',
        ),
      );
    expect(await failure(h.run('sendSms', sms))).toMatchObject({ code: 'INVALID_INPUT', providerCode: '21606', path: 'from' });
  });

  it('an unknown message (404, 20404) is NOT_FOUND', async () => {
    fresh()
      .on('GET', `/2010-04-01/Accounts/${SID}/Messages/SM00000000000000000000000000000000.json`)
      .reply(
        404,
        twilio(
          404,
          20404,
          `The requested resource /2010-04-01/Accounts/${SID}/Messages/SM00000000000000000000000000000000.json was not found`,
        ),
      );
    expect(await failure(h.run('getMessage', { sid: 'SM00000000000000000000000000000000' }))).toMatchObject({
      code: 'NOT_FOUND',
      providerCode: '20404',
    });
  });

  it('sends through a Messaging Service when given one instead of From', async () => {
    fresh()
      .on('POST', MESSAGES)
      .reply(201, { ...queued, from: null, messaging_service_sid: 'MG9752274e9e519418a7406176694466fa' });
    await h.run('sendSms', { to: '+14155552671', messagingServiceSid: 'MG9752274e9e519418a7406176694466fa', body: 'hi' });
    expect(Object.fromEntries(h.requests[0]?.form() ?? [])).toEqual({
      To: '+14155552671',
      MessagingServiceSid: 'MG9752274e9e519418a7406176694466fa',
      Body: 'hi',
    });
  });

  it('checks input and credentials before calling Twilio', async () => {
    fresh();
    const noSender = await failure(h.run('sendSms', { to: '+14155552671', body: 'hi' }));
    expect([noSender.code, noSender.path]).toEqual(['INVALID_INPUT', 'from']);
    const local = await failure(h.run('sendSms', { ...sms, to: '4155552671' }));
    expect([local.code, local.path]).toEqual(['INVALID_INPUT', 'to']);
    expect(h.requests).toEqual([]);
    await h.close();
    fresh({ accountSid: 'SK0123456789abcdef0123456789abcdef', authToken: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' });
    expect((await failure(h.run('sendSms', sms))).code).toBe('AUTH_INVALID');
    expect(h.requests).toEqual([]);
  });

  it('runs its health check against the account resource', async () => {
    fresh().on('GET', `/2010-04-01/Accounts/${SID}.json`).reply(200, { sid: SID, status: 'active', friendly_name: 'My account' });
    await h.healthCheck();
    await h.close();
    fresh()
      .on('GET', `/2010-04-01/Accounts/${SID}.json`)
      .reply(401, twilio(401, 20003, 'Authenticate'));
    await expect(h.healthCheck()).rejects.toMatchObject({ code: 'AUTH_INVALID' });
  });
});

describe('Basic credentials', () => {
  it('encodes like Node’s base64, padding included', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', `${SID}:f0e1d2c3b4a5968778695a4b3c2d1e0f`, 'user:p@ss~word!'])
      expect(base64Ascii(text)).toBe(Buffer.from(text, 'latin1').toString('base64'));
  });
});
