/**
 * @module Google OAuth 2.0 for web server apps
 * (https://developers.google.com/identity/protocols/oauth2/web-server): PKCE, `access_type=offline`
 * and `prompt=consent` so Google issues a refresh token, access tokens of about an hour, and
 * revocation at https://oauth2.googleapis.com/revoke. The scopes are the profile's: the full
 * connector asks for restricted ones, the send-only one for `gmail.send` alone.
 */
import { oauth2 } from '@patchbay/sdk';

export const GMAIL_SCOPES = {
  send: 'https://www.googleapis.com/auth/gmail.send',
  readonly: 'https://www.googleapis.com/auth/gmail.readonly',
  compose: 'https://www.googleapis.com/auth/gmail.compose',
} as const;

export function gmailAuth(scopes: string[]) {
  return oauth2({
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    scopes,
    pkce: true,
    clientAuth: 'body',
    extraAuthorizationParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    refresh: { supported: true, defaultExpiresInSeconds: 3599 },
  });
}
