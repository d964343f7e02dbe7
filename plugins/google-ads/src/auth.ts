/**
 * @module Google OAuth 2.0 for web server apps
 * (https://developers.google.com/identity/protocols/oauth2/web-server) with the `adwords` scope
 * (https://developers.google.com/google-ads/api/docs/oauth/overview): PKCE, offline access and
 * consent so Google issues a refresh token. No developer token: Google sunset them on
 * 9 September 2026 and the API ignores the header; access levels now belong to the Cloud project
 * that owns the OAuth client (https://developers.google.com/google-ads/api/docs/api-policy/developer-token).
 */
import { defineActionFor, oauth2 } from '@patchbay/sdk';
import { z } from 'zod';
import { customerId } from './api.ts';

export const googleAdsAuth = oauth2({
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  scopes: ['https://www.googleapis.com/auth/adwords'],
  pkce: true,
  clientAuth: 'body',
  extraAuthorizationParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
  refresh: { supported: true, defaultExpiresInSeconds: 3599 },
});

/**
 * Given when connecting, both optional. `loginCustomerId`: the manager account to reach client
 * accounts through (then `discover` lists the manager's client accounts; without it, the accounts
 * the user reaches directly). `customerId`: the one customer this connection is for, when the
 * frontend already knows it: `discover` then offers only it, so it is chosen at connect time.
 */
export const googleAdsParams = z.object({
  customerId: customerId.optional().describe('The customer to act on, when known before connecting'),
  loginCustomerId: customerId.optional().describe('Manager (MCC) customer id, when the accounts are reached through a manager'),
});

export const defineGoogleAdsAction = defineActionFor(googleAdsAuth, { params: googleAdsParams });
