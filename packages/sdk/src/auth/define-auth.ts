import { z } from 'zod';
import type { ApiKeyAuth, BasicAuth, NoAuth, OAuth2Auth, RequestAuthTarget } from './descriptors.ts';

type OAuth2Options = Omit<OAuth2Auth, 'kind' | 'scopeSeparator' | 'refresh' | 'pkce' | 'clientAuth'> &
  Partial<Pick<OAuth2Auth, 'scopeSeparator' | 'pkce' | 'clientAuth'>> & {
    /** `supported` defaults to true. */
    refresh?: Omit<OAuth2Auth['refresh'], 'supported'> & { supported?: boolean };
  };

/**
 * OAuth 2.0 authorization code flow. Requests get `Authorization: Bearer <access token>` unless
 * `apply` puts the token elsewhere; hooks cover providers that bend RFC 6749 (docs/connector-authoring.md).
 *
 * @example
 * oauth2({ authorizationUrl: 'https://github.com/login/oauth/authorize', tokenUrl: 'https://github.com/login/oauth/access_token', scopes: ['repo'] })
 */
export function oauth2(options: OAuth2Options): OAuth2Auth {
  return Object.freeze({
    kind: 'oauth2',
    scopeSeparator: ' ',
    pkce: true,
    clientAuth: 'basic',
    ...options,
    refresh: Object.freeze({ supported: true, ...options.refresh }),
  } as const);
}

/**
 * Credentials the user pastes (API keys, tokens), validated by `fields`; `apply` puts them on
 * each request.
 *
 * @example
 * apiKey({ fields: z.object({ secretKey: z.string().startsWith('sk_') }), apply: (c, req) => { req.headers.authorization = `Bearer ${c.secretKey}`; } })
 */
export function apiKey<const F extends z.ZodObject>(options: { fields: F; apply: ApiKeyAuth<F>['apply'] }): ApiKeyAuth<F> {
  return Object.freeze({ kind: 'apiKey', ...options });
}

const basicFields = z.object({ username: z.string().min(1), password: z.string().min(1) });

/** HTTP Basic authentication; `fields` and `apply` can be replaced (Twilio: Account SID + auth token). */
export function basic(): BasicAuth<typeof basicFields>;
export function basic<const F extends z.ZodObject>(options: { fields: F; apply: BasicAuth<F>['apply'] }): BasicAuth<F>;
export function basic(options?: { fields: z.ZodObject; apply: BasicAuth['apply'] }): BasicAuth {
  if (options) return Object.freeze({ kind: 'basic', ...options });
  return Object.freeze({
    kind: 'basic',
    fields: basicFields,
    apply: (c: z.output<typeof basicFields>, req: RequestAuthTarget) => {
      req.headers.authorization = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
    },
  } as unknown as BasicAuth);
}

export function none(): NoAuth {
  return Object.freeze({ kind: 'none' });
}
