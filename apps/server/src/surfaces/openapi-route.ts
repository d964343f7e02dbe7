import type { AnyConnector } from '@patchbay/sdk';
import { Hono } from 'hono';
import type { RequestVariables } from '../request-id.ts';
import { openApiDocument } from './openapi-document.ts';

/** `GET /openapi.json`: built once at startup, public (it names the installed actions, no tenant data). */
export function openApiRoutes(connectors: readonly AnyConnector[], publicUrl?: string) {
  const body = JSON.stringify(openApiDocument(connectors, publicUrl));
  const app = new Hono<{ Variables: RequestVariables }>();
  app.get('/openapi.json', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
  return app;
}
