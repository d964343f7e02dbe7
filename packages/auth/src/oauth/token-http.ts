/**
 * @module Token and revocation requests Patchbay sends itself, for what Arctic cannot express:
 * the client secret in the body, a renamed client id parameter (TikTok `client_key`), extra token
 * parameters, a GET or JSON token request (Meta, TikTok Business) or one the connector builds.
 * The builder's URL must stay on the token URL's origin. Nothing here puts a secret in a message.
 */
import type { TokenHttpRequest } from '@patchbay/sdk';
import { errorCodeFor, OAuthError } from './oauth-error.ts';
import type { OAuthClientConfig } from './types.ts';

const basicHeader = (config: OAuthClientConfig) => `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`;

/** Whether the token requests need more than Arctic's standard form POST with Basic auth. */
export function needsOwnTokenRequest(config: OAuthClientConfig): boolean {
  return config.clientAuth === 'body' || !!config.clientIdParam || !!config.extraTokenParams || !!config.tokenRequest;
}

/** The request for one grant, as the descriptor declares it. */
export function buildTokenRequest(config: OAuthClientConfig, params: Record<string, string>): TokenHttpRequest {
  const standard = { ...params, ...config.extraTokenParams };
  const grantType = params.grant_type === 'refresh_token' ? 'refresh_token' : 'authorization_code';
  if (typeof config.tokenRequest === 'function') {
    return config.tokenRequest({
      grantType,
      params: standard,
      tokenUrl: config.tokenUrl,
      client: { id: config.clientId, secret: config.clientSecret },
      redirectUri: config.redirectUri,
    });
  }
  const all =
    config.clientAuth === 'body'
      ? { ...standard, [config.clientIdParam ?? 'client_id']: config.clientId, client_secret: config.clientSecret }
      : standard;
  const headers: Record<string, string> = config.clientAuth === 'basic' ? { authorization: basicHeader(config) } : {};
  const method = config.tokenRequest?.method ?? 'POST';
  if (method === 'GET') return { method, headers, query: all };
  return config.tokenRequest?.encoding === 'json' ? { method, headers, json: all } : { method, headers, form: all };
}

/** Sends a built request: the JSON object of a 2xx answer, or an OAuthError. */
export async function sendTokenRequest(
  config: OAuthClientConfig,
  request: TokenHttpRequest,
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const url = new URL(request.url ?? config.tokenUrl);
  if (url.origin !== new URL(config.tokenUrl).origin) {
    throw new OAuthError('bad_response', "The connector's token request leaves the token URL's origin");
  }
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'patchbay', ...request.headers };
  let body: string | undefined;
  if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams({ ...request.form }).toString();
  }
  const response = await send(url, { method: request.method ?? 'POST', headers, body, signal }, signal);
  const data = (await response.json().catch(() => undefined)) as unknown;
  const object = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (response.status >= 200 && response.status < 300 && object) return object;
  if (object && typeof object.error === 'string') {
    throw new OAuthError(errorCodeFor(object.error), `provider refused: ${object.error}`, {
      providerCode: object.error,
      status: response.status,
    });
  }
  throw new OAuthError('bad_response', `provider answered ${response.status}`, { status: response.status });
}

async function send(url: URL, init: RequestInit, signal: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    if (signal.aborted) throw new OAuthError('timeout', 'provider did not answer in time');
    throw new OAuthError('unreachable', 'provider token endpoint unreachable');
  }
}

/** RFC 7009 revocation: POST `token` with the client's authentication; any 2xx is success (Reddit answers 204). */
export async function revokeToken(config: OAuthClientConfig, revokeUrl: string, token: string, signal: AbortSignal): Promise<void> {
  const form: Record<string, string> = { token };
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'patchbay' };
  if (config.clientAuth === 'body')
    Object.assign(form, { [config.clientIdParam ?? 'client_id']: config.clientId, client_secret: config.clientSecret });
  else headers.authorization = basicHeader(config);
  const response = await send(new URL(revokeUrl), { method: 'POST', headers, body: new URLSearchParams(form).toString(), signal }, signal);
  await response.body?.cancel();
  if (response.status < 200 || response.status >= 300) {
    throw new OAuthError('bad_response', `provider answered ${response.status} to revocation`, { status: response.status });
  }
}
