/**
 * @module The grant examples in docs/connector-authoring.md, verbatim (grants-docs.test.ts checks
 * each marked block appears here): `pnpm check` type-checks them and the test runs them.
 */
import { z } from 'zod';
import { clientCredentials, jwtBearer } from '../auth/define-grants.ts';
import { defineActionFor, defineConnector } from '../define.ts';

export const reportsAuth = clientCredentials({
  tokenUrl: 'https://auth.reports.example.com/oauth/token',
  scopes: ['reports.read'],
  clientAuth: 'body',
  // Optional: more fields from the tenant, sent as extra token parameters.
  fields: z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), audience: z.url() }),
  tokenParams: (fields) => ({ audience: fields.audience }),
});

export const reports = defineConnector({
  id: 'reports',
  name: 'Reports',
  version: '1.0.0',
  description: 'A machine-to-machine API',
  auth: reportsAuth,
  baseUrls: ['https://api.reports.example.com'],
  healthCheck: async (ctx) => {
    await ctx.http.get('/v1/ping');
  },
  actions: {
    listReports: defineActionFor(reportsAuth)({
      description: 'Reports visible to the client',
      input: z.object({}),
      output: z.object({ ids: z.array(z.string()) }),
      idempotent: true,
      run: async (_input, ctx) => {
        // ctx.credentials is { accessToken, tokenType? }: the client secret never reaches actions.
        const res = await ctx.http.get('/v1/reports', { schema: z.object({ data: z.array(z.object({ id: z.string() })) }) });
        return { ids: res.data.data.map((r) => r.id) };
      },
    }),
  },
});

export const driveAuth = jwtBearer({
  tokenUrl: 'https://oauth2.googleapis.com/token',
  // Older Google keys name this endpoint in token_uri; any other value is refused.
  tokenUrls: ['https://accounts.google.com/o/oauth2/token'],
  scopes: ['https://www.googleapis.com/auth/drive.readonly'],
});

export const drive = defineConnector({
  id: 'drive-service',
  name: 'Drive (service account)',
  version: '1.0.0',
  description: 'Google Drive as a service account',
  auth: driveAuth,
  baseUrls: ['https://www.googleapis.com'],
  actions: {
    listFiles: defineActionFor(driveAuth)({
      description: 'Files the service account (or the delegated user) can see',
      input: z.object({}),
      output: z.object({ names: z.array(z.string()) }),
      idempotent: true,
      run: async (_input, ctx) => {
        const res = await ctx.http.get('/drive/v3/files', { schema: z.object({ files: z.array(z.object({ name: z.string() })) }) });
        return { names: res.data.files.map((f) => f.name) };
      },
    }),
  },
});
