/**
 * @module Two test connectors for the grants that need no person at the provider, against local
 * fakes: `grants-cc` (OAuth 2.0 client credentials, the tenant's client id and secret, Basic
 * client authentication) and `grants-jwt` (a service-account key and the RFC 7523 JWT bearer
 * grant, with a custom `apply`). Both call one small API that accepts only tokens the fakes issued.
 */
import { type AuthDescriptor, clientCredentials, defineActionFor, defineConnector, jwtBearer } from '@patchbay/sdk';
import { z } from 'zod';

export interface GrantEndpoints {
  /** oauth2-mock-server's token endpoint (client credentials). */
  clientCredentialsTokenUrl: string;
  /** The JWT bearer token endpoint, which verifies assertions. */
  jwtTokenUrl: string;
  /** The API both connectors call. */
  upstream: string;
}

const whoamiOutput = z.object({ caller: z.string() });

/** The same two actions on either grant: whom the token names, and what an action is handed. */
function grantActions<A extends AuthDescriptor>(auth: A) {
  const define = defineActionFor(auth);
  return {
    whoami: define({
      description: 'Who the token belongs to',
      input: z.object({}),
      output: whoamiOutput,
      idempotent: true,
      run: async (_input, ctx) => (await ctx.http.get('/whoami', { schema: whoamiOutput })).data,
    }),
    credentialKeys: define({
      description: 'What an action is given to work with (the token only, never the secret or key)',
      input: z.object({}),
      output: z.object({ keys: z.array(z.string()) }),
      run: async (_input, ctx) => ({ keys: Object.keys(ctx.credentials).sort() }),
    }),
  };
}

export function grantsClientCredentials(endpoints: GrantEndpoints) {
  const auth = clientCredentials({ tokenUrl: endpoints.clientCredentialsTokenUrl, scopes: ['reports.read'], clientAuth: 'basic' });
  return defineConnector({
    id: 'grants-cc',
    name: 'Grants (client credentials)',
    version: '1.0.0',
    description: 'Test connector: OAuth 2.0 client credentials',
    auth,
    baseUrls: [endpoints.upstream],
    healthCheck: async (ctx) => {
      await ctx.http.get('/whoami');
    },
    actions: grantActions(auth),
  });
}

export function grantsJwtBearer(endpoints: GrantEndpoints) {
  const auth = jwtBearer({
    tokenUrl: endpoints.jwtTokenUrl,
    scopes: ['https://www.googleapis.com/auth/drive.readonly'],
    lifetimeSeconds: 1800,
    // Where this provider wants the token: a header of its own, not Authorization.
    apply: (credentials, request) => {
      request.headers['x-service-token'] = credentials.accessToken;
    },
  });
  return defineConnector({
    id: 'grants-jwt',
    name: 'Grants (JWT bearer)',
    version: '1.0.0',
    description: 'Test connector: service-account JWT bearer (RFC 7523)',
    auth,
    baseUrls: [endpoints.upstream],
    healthCheck: async (ctx) => {
      await ctx.http.get('/whoami');
    },
    actions: grantActions(auth),
  });
}
