import { testConnector } from '@patchbay/sdk/testing';
import { expect } from 'vitest';
import { googleAds } from './index.ts';

const TOKEN = 'ya29.a0AfB_byC-ads-test-token';
const CID = '1234567890';
const MANAGER = '9876543210';
const base = `https://googleads.googleapis.com/v25/customers/${CID}`;

testConnector(googleAds, {
  credentials: { accessToken: TOKEN },
  connection: { account: { id: CID, name: '123-456-7890', metadata: { loginCustomerId: MANAGER } } },
  fixtures: {
    search: {
      input: { query: 'SELECT campaign.id, campaign.name, metrics.cost_micros FROM campaign', pageToken: 'PAGE2' },
      setup: (h) =>
        h.on('POST', `/v25/customers/${CID}/googleAds:search`).reply(200, {
          results: [
            { campaign: { resourceName: `customers/${CID}/campaigns/111`, id: '111', name: 'Winter' }, metrics: { costMicros: '4500000' } },
            { campaign: { resourceName: `customers/${CID}/campaigns/222`, id: '222', name: 'Summer' }, metrics: { costMicros: '0' } },
          ],
          nextPageToken: 'PAGE3',
          fieldMask: 'campaign.id,campaign.name,metrics.costMicros',
          requestId: 'r1',
        }),
      check: (output, h) => {
        expect(output).toEqual({
          rows: [
            {
              'campaign.resource_name': `customers/${CID}/campaigns/111`,
              'campaign.id': '111',
              'campaign.name': 'Winter',
              'metrics.cost_micros': '4500000',
            },
            {
              'campaign.resource_name': `customers/${CID}/campaigns/222`,
              'campaign.id': '222',
              'campaign.name': 'Summer',
              'metrics.cost_micros': '0',
            },
          ],
          fields: ['campaign.id', 'campaign.name', 'metrics.cost_micros'],
          nextPageToken: 'PAGE3',
        });
        const req = h.requests[0];
        expect(req?.url).toBe(`${base}/googleAds:search`);
        expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(req?.headers['login-customer-id']).toBe(MANAGER);
        expect(req?.headers['developer-token']).toBeUndefined();
        expect(req?.headers['content-type']).toMatch(/^application\/json/);
        // No pageSize: the API refuses it since v17.
        expect(req?.json()).toEqual({ query: 'SELECT campaign.id, campaign.name, metrics.cost_micros FROM campaign', pageToken: 'PAGE2' });
      },
    },
    listAccessibleCustomers: {
      input: {},
      setup: (h) =>
        h
          .on('GET', '/v25/customers:listAccessibleCustomers')
          .reply(200, { resourceNames: ['customers/1234567890', 'customers/5550001111'] }),
      check: (output, h) => {
        expect(output).toEqual({
          customers: [
            { id: '1234567890', resourceName: 'customers/1234567890' },
            { id: '5550001111', resourceName: 'customers/5550001111' },
          ],
        });
        expect(h.requests[0]?.headers['login-customer-id']).toBeUndefined();
      },
    },
    mutateCampaignStatus: {
      input: { campaignId: '111', status: 'PAUSED' },
      setup: (h) =>
        h
          .on('POST', `/v25/customers/${CID}/campaigns:mutate`)
          .reply(200, { results: [{ resourceName: `customers/${CID}/campaigns/111` }] }),
      check: (output, h) => {
        expect(output).toEqual({ resourceName: `customers/${CID}/campaigns/111`, status: 'PAUSED', validateOnly: false });
        expect(h.requests[0]?.headers['login-customer-id']).toBe(MANAGER);
        expect(h.requests[0]?.json()).toEqual({
          operations: [{ update: { resourceName: `customers/${CID}/campaigns/111`, status: 'PAUSED' }, updateMask: 'status' }],
          validateOnly: false,
        });
      },
    },
    updateCampaignBudget: {
      input: { budgetId: 777, amountMicros: 25_000_000, validateOnly: true },
      setup: (h) => h.on('POST', `/v25/customers/${CID}/campaignBudgets:mutate`).reply(200, {}),
      check: (output, h) => {
        expect(output).toEqual({ resourceName: `customers/${CID}/campaignBudgets/777`, amountMicros: '25000000', validateOnly: true });
        // int64 travels as a JSON string; the mask names the JSON field.
        expect(h.requests[0]?.json()).toEqual({
          operations: [
            { update: { resourceName: `customers/${CID}/campaignBudgets/777`, amountMicros: '25000000' }, updateMask: 'amountMicros' },
          ],
          validateOnly: true,
        });
      },
    },
    uploadClickConversions: {
      input: {
        conversions: [
          {
            gclid: 'Cj0KCQ-good',
            conversionActionId: '42',
            conversionDateTime: '2026-11-30 12:32:45-08:00',
            conversionValue: 19.5,
            currencyCode: 'USD',
          },
          { gclid: 'Cj0KCQ-stale', conversionActionId: '42', conversionDateTime: '2026-11-30 12:40:00-08:00' },
        ],
      },
      setup: (h) =>
        h.on('POST', `/v25/customers/${CID}:uploadClickConversions`).reply(200, {
          results: [
            {
              gclid: 'Cj0KCQ-good',
              conversionAction: `customers/${CID}/conversionActions/42`,
              conversionDateTime: '2026-11-30 12:32:45-08:00',
            },
            {},
          ],
          partialFailureError: {
            code: 3,
            message: 'The click is too old for this conversion to be imported., at conversions[1].gclid',
            details: [
              {
                '@type': 'type.googleapis.com/google.ads.googleads.v25.errors.GoogleAdsFailure',
                errors: [
                  {
                    errorCode: { conversionUploadError: 'EXPIRED_EVENT' },
                    message: 'The click is too old for this conversion to be imported.',
                    trigger: { stringValue: 'Cj0KCQ-stale' },
                    location: { fieldPathElements: [{ fieldName: 'conversions', index: 1 }, { fieldName: 'gclid' }] },
                  },
                ],
                requestId: 'r2',
              },
            ],
          },
        }),
      check: (output, h) => {
        expect(output).toEqual({
          accepted: 1,
          failed: 1,
          rows: [
            { index: 0, ok: true, conversionAction: `customers/${CID}/conversionActions/42`, errors: [] },
            {
              index: 1,
              ok: false,
              conversionAction: `customers/${CID}/conversionActions/42`,
              errors: [
                {
                  code: 'EXPIRED_EVENT',
                  kind: 'conversionUploadError',
                  message: 'The click is too old for this conversion to be imported.',
                  path: 'conversions.1.gclid',
                },
              ],
            },
          ],
        });
        expect(h.requests[0]?.json()).toEqual({
          conversions: [
            {
              gclid: 'Cj0KCQ-good',
              conversionAction: `customers/${CID}/conversionActions/42`,
              conversionDateTime: '2026-11-30 12:32:45-08:00',
              conversionValue: 19.5,
              currencyCode: 'USD',
            },
            {
              gclid: 'Cj0KCQ-stale',
              conversionAction: `customers/${CID}/conversionActions/42`,
              conversionDateTime: '2026-11-30 12:40:00-08:00',
            },
          ],
          partialFailure: true,
          validateOnly: false,
        });
      },
    },
  },
});
