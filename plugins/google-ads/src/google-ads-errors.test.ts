import { createTestHarness, connectorFailure as failure, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { googleAds } from './index.ts';

const CID = '1234567890';
const SEARCH = `/v25/customers/${CID}/googleAds:search`;
const QUERY = { query: 'SELECT campaign.id FROM campaign' };

let h: Harness<typeof googleAds>;
const fresh = (account: { id: string; name: string } | null = { id: CID, name: 'Shop' }) => {
  h = createTestHarness(googleAds, { credentials: { accessToken: 'ya29.err-test' }, connection: { account } });
  return h;
};
afterEach(() => h.close());

/** A failed request's body: a google.rpc.Status carrying a GoogleAdsFailure. */
const adsFailure = (http: number, status: string, kind: string, code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: {
    code: http,
    message: 'Request contains an invalid argument.',
    status,
    details: [
      {
        '@type': 'type.googleapis.com/google.ads.googleads.v25.errors.GoogleAdsFailure',
        errors: [{ errorCode: { [kind]: code }, message, ...extra }],
        requestId: 'req-1',
      },
    ],
  },
});

describe('Google Ads errors', () => {
  it('401 is AUTH_EXPIRED, so the engine refreshes the token once', async () => {
    fresh()
      .on('POST', SEARCH)
      .reply(401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    expect(await failure(h.run('search', QUERY))).toMatchObject({ code: 'AUTH_EXPIRED', status: 401, providerCode: 'UNAUTHENTICATED' });
  });

  it('USER_PERMISSION_DENIED is FORBIDDEN_SCOPE and says a manager id may be missing', async () => {
    fresh()
      .on('POST', SEARCH)
      .reply(
        403,
        adsFailure(
          403,
          'PERMISSION_DENIED',
          'authorizationError',
          'USER_PERMISSION_DENIED',
          "User doesn't have permission to access customer.",
        ),
      );
    const error = await failure(h.run('search', QUERY));
    expect(error).toMatchObject({ code: 'FORBIDDEN_SCOPE', providerCode: 'USER_PERMISSION_DENIED' });
    expect(error.message).toContain('loginCustomerId');
  });

  it('a GAQL error is INVALID_INPUT with the failing field path', async () => {
    const location = { fieldPathElements: [{ fieldName: 'query' }] };
    fresh()
      .on('POST', SEARCH)
      .reply(
        400,
        adsFailure(400, 'INVALID_ARGUMENT', 'queryError', 'UNRECOGNIZED_FIELD', "Unrecognized field in the query: 'campaign.nme'.", {
          location,
        }),
      );
    const error = await failure(h.run('search', { query: 'SELECT campaign.nme FROM campaign' }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', providerCode: 'UNRECOGNIZED_FIELD', path: 'query' });
    expect(error.message).toContain("Unrecognized field in the query: 'campaign.nme'.");
  });

  it('a mutate on a missing campaign is NOT_FOUND, with the operation path', async () => {
    fresh()
      .on('POST', `/v25/customers/${CID}/campaigns:mutate`)
      .reply(
        400,
        adsFailure(400, 'INVALID_ARGUMENT', 'mutateError', 'RESOURCE_NOT_FOUND', 'The requested resource was not found.', {
          location: { fieldPathElements: [{ fieldName: 'operations', index: 0 }, { fieldName: 'update' }] },
        }),
      );
    expect(await failure(h.run('mutateCampaignStatus', { campaignId: '999', status: 'ENABLED' }))).toMatchObject({
      code: 'NOT_FOUND',
      providerCode: 'RESOURCE_NOT_FOUND',
    });
  });

  it('RESOURCE_EXHAUSTED is RATE_LIMITED with the retryDelay Google names, failing fast past the 10 s wait', async () => {
    const body = adsFailure(429, 'RESOURCE_EXHAUSTED', 'quotaError', 'RESOURCE_EXHAUSTED', 'Too many requests.', {
      details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per account', retryDelay: '30s' } },
    });
    fresh().on('POST', SEARCH).reply(429, body);
    expect(await failure(h.run('search', QUERY))).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 30_000, status: 429 });
    expect(h.requests).toHaveLength(1);
  });

  it('RESOURCE_TEMPORARILY_EXHAUSTED in a 400 is RATE_LIMITED too, and a short delay is waited before retrying', async () => {
    const body = adsFailure(400, 'RESOURCE_EXHAUSTED', 'quotaError', 'RESOURCE_TEMPORARILY_EXHAUSTED', 'Too many requests.', {
      details: { quotaErrorDetails: { retryDelay: '2s' } },
    });
    fresh()
      .on('POST', SEARCH)
      .reply(429, body)
      .reply(200, { results: [{ campaign: { id: '1' } }] });
    expect((await h.run('search', QUERY)).rows).toEqual([{ 'campaign.id': '1' }]);
    expect(h.sleeps[0]).toBeGreaterThanOrEqual(2000);
  });

  it('a 500 is UPSTREAM; a mutate is not retried after it, since Google may have applied it', async () => {
    fresh()
      .on('POST', `/v25/customers/${CID}:uploadClickConversions`)
      .reply(500, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } })
      .reply(500, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } })
      .reply(500, { error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' } });
    const error = await failure(
      h.run('uploadClickConversions', {
        conversions: [{ gclid: 'g', conversionActionId: '1', conversionDateTime: '2026-11-30 12:00:00+00:00' }],
      }),
    );
    expect(error.code).toBe('UPSTREAM');
  });

  it('refuses bad ids and a conversion without exactly one click id before sending anything', async () => {
    fresh();
    expect(await failure(h.run('mutateCampaignStatus', { campaignId: 'abc', status: 'PAUSED' }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'campaignId',
    });
    const twoIds = { gclid: 'g', wbraid: 'w', conversionActionId: '1', conversionDateTime: '2026-11-30 12:00:00+00:00' };
    expect(await failure(h.run('uploadClickConversions', { conversions: [twoIds] }))).toMatchObject({
      code: 'INVALID_INPUT',
      path: 'conversions.0.gclid',
    });
    const noZone = { gclid: 'g', conversionActionId: '1', conversionDateTime: '2026-11-30 12:00:00' };
    expect((await failure(h.run('uploadClickConversions', { conversions: [noZone] }))).path).toBe('conversions.0.conversionDateTime');
    expect(h.requests).toHaveLength(0);
  });

  it('without a chosen customer an action says so and sends nothing', async () => {
    fresh(null);
    const error = await failure(h.run('search', QUERY));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('connections.setAccount');
    expect(h.requests).toHaveLength(0);
  });
});
