/**
 * Type tests (checked by `pnpm check`): the OAuth hooks' arguments are typed from the descriptor,
 * and `refresh` may omit `supported` (it defaults to true).
 */
import { expectTypeOf } from 'vitest';
import { oauth2 } from './define-auth.ts';
import type { OAuth2Credentials, TokenSet } from './descriptors.ts';
import type { AfterExchangeResult, CurrentTokens, OAuthHookContext, TokenHttpRequest, TokenRequestContext } from './oauth-hooks.ts';

const urls = { authorizationUrl: 'https://a.example/authorize', tokenUrl: 'https://a.example/token', scopes: [] };

export const typed = oauth2({
  ...urls,
  apply: (credentials, request) => {
    expectTypeOf(credentials).toEqualTypeOf<OAuth2Credentials>();
    request.headers['access-token'] = credentials.accessToken;
  },
  tokenRequest: (ctx) => {
    expectTypeOf(ctx).toEqualTypeOf<TokenRequestContext>();
    expectTypeOf(ctx.grantType).toEqualTypeOf<'authorization_code' | 'refresh_token'>();
    return { json: { code: ctx.params.code } } satisfies TokenHttpRequest;
  },
  afterExchange: async (tokens, ctx) => {
    expectTypeOf(tokens).toEqualTypeOf<TokenSet>();
    expectTypeOf(ctx).toEqualTypeOf<OAuthHookContext>();
    return { metadata: { kind: 'long' } } satisfies AfterExchangeResult;
  },
  refresh: {
    refreshBeforeMs: 1000,
    run: async (current) => {
      expectTypeOf(current).toEqualTypeOf<CurrentTokens>();
      return { accessToken: current.accessToken };
    },
  },
  revoke: async (tokens) => tokens.accessToken !== '',
});
expectTypeOf(typed.refresh.supported).toEqualTypeOf<boolean>();

// A declared style is one of two methods and two encodings.
oauth2({ ...urls, tokenRequest: { method: 'GET' } });
// @ts-expect-error no such method
oauth2({ ...urls, tokenRequest: { method: 'PUT' } });
// @ts-expect-error a refresh hook returns tokens
oauth2({ ...urls, refresh: { run: async () => 'token' } });
// @ts-expect-error a revoke hook says whether the provider confirmed
oauth2({ ...urls, revoke: async () => 'done' });
