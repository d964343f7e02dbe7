/**
 * @module TikTok API for Business errors. Failures come back as HTTP 200 with a non-zero `code`
 * and a `message` (https://business-api.tiktok.com/portal/docs?id=1737172488964097): 40001 no
 * permission for the advertiser or the app's scopes, 40002 and most other 4xxxx invalid
 * parameters, 40100 too many requests (QPS/QPM/QPD limits; no wait is given), 401xx token
 * problems (40101 invalid app id or secret, 40102 expired, 40104 missing, 40105 invalid or
 * revoked), 5xxxx TikTok's own faults. Real 4xx/5xx statuses keep the SDK's reading.
 */
import { ConnectorError, mapErrorsFrom, type ProviderResponse, readPath } from '@patchbay/sdk';

const table = mapErrorsFrom({
  provider: 'TikTok Ads',
  statuses: false,
  failedBody: (body) => {
    const code = readPath(body, 'code');
    return typeof code === 'number' && code !== 0;
  },
  code: 'code',
  message: 'message',
  codes: {
    40001: 'FORBIDDEN_SCOPE',
    40002: 'INVALID_INPUT',
    40100: 'RATE_LIMITED',
    40101: 'AUTH_INVALID',
    40102: 'AUTH_EXPIRED',
    40104: 'AUTH_EXPIRED',
    40105: 'AUTH_EXPIRED',
  },
  otherwise: 'INVALID_INPUT',
  verbs: { RATE_LIMITED: 'rate limit reached', FORBIDDEN_SCOPE: 'refused: no permission for this advertiser or scope' },
});

export function tiktokAdsError(response: ProviderResponse): ConnectorError | undefined {
  const error = table(response);
  const code = readPath(response.body, 'code');
  // 5xxxx are TikTok's own failures: the request may be fine, so not INVALID_INPUT.
  if (error && typeof code === 'number' && code >= 50000 && code < 60000) {
    return new ConnectorError('UPSTREAM', error.message, { status: error.status, providerCode: error.providerCode });
  }
  return error;
}
