import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { twilioSms } from './index.ts';

const SID = 'AC0123456789abcdef0123456789abcdef';
const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const MSG = 'SM1f0e8ae6ade43cb3c0ce4525424e404f';
const BASIC = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`;

const resource = (extra: Record<string, unknown> = {}) => ({
  account_sid: SID,
  api_version: '2010-04-01',
  body: 'Your code is 123456',
  date_created: 'Thu, 24 Aug 2023 05:01:45 +0000',
  date_sent: null,
  date_updated: 'Thu, 24 Aug 2023 05:01:45 +0000',
  direction: 'outbound-api',
  error_code: null,
  error_message: null,
  from: '+14155552345',
  messaging_service_sid: null,
  num_media: '0',
  num_segments: '1',
  price: null,
  price_unit: 'USD',
  sid: MSG,
  status: 'queued',
  subresource_uris: { media: `/2010-04-01/Accounts/${SID}/Messages/${MSG}/Media.json` },
  to: '+14155552671',
  uri: `/2010-04-01/Accounts/${SID}/Messages/${MSG}.json`,
  ...extra,
});

testConnector(twilioSms, {
  credentials: { accountSid: SID, authToken: TOKEN },
  fixtures: {
    sendSms: {
      input: { to: '+14155552671', from: '+14155552345', body: 'Your code is 123456', statusCallback: 'https://example.com/twilio/status' },
      setup: (h) => h.on('POST', `/2010-04-01/Accounts/${SID}/Messages.json`).reply(201, resource()),
      check: (output, h) => {
        expect(output).toEqual({
          sid: MSG,
          accountSid: SID,
          messagingServiceSid: null,
          status: 'queued',
          direction: 'outbound-api',
          to: '+14155552671',
          from: '+14155552345',
          body: 'Your code is 123456',
          numSegments: 1,
          numMedia: 0,
          price: null,
          priceUnit: 'USD',
          errorCode: null,
          errorMessage: null,
          dateCreated: '2023-08-24T05:01:45.000Z',
          dateSent: null,
          dateUpdated: '2023-08-24T05:01:45.000Z',
        });
        const req = h.requests[0];
        expect(req?.method).toBe('POST');
        expect(req?.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages.json`);
        expect(req?.headers.authorization).toBe(BASIC);
        expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
        expect(req?.body).toBe(
          'To=%2B14155552671&From=%2B14155552345&Body=Your+code+is+123456&StatusCallback=https%3A%2F%2Fexample.com%2Ftwilio%2Fstatus',
        );
      },
    },
    getMessage: {
      input: { sid: MSG },
      setup: (h) =>
        h.on('GET', `/2010-04-01/Accounts/${SID}/Messages/${MSG}.json`).reply(
          200,
          resource({
            status: 'undelivered',
            error_code: 30003,
            error_message: 'Unreachable destination handset',
            date_sent: 'Thu, 24 Aug 2023 05:01:46 +0000',
            price: '-0.00790',
            num_segments: '2',
          }),
        ),
      check: (output, h) => {
        expect(output).toMatchObject({
          sid: MSG,
          status: 'undelivered',
          errorCode: 30003,
          errorMessage: 'Unreachable destination handset',
          numSegments: 2,
          price: '-0.00790',
          dateSent: '2023-08-24T05:01:46.000Z',
        });
        const req = h.requests[0];
        expect(req?.method).toBe('GET');
        expect(req?.url).toBe(`https://api.twilio.com/2010-04-01/Accounts/${SID}/Messages/${MSG}.json`);
        expect(req?.headers.authorization).toBe(BASIC);
        expect(req?.body).toBeUndefined();
      },
    },
  },
});
