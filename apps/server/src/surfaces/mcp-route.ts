/**
 * @module `/mcp`: the tenant's actions as MCP tools over Streamable HTTP, stateless (a server and
 * transport per request, JSON responses), so any server process can answer any request and
 * `tools/list` is always the tenant's current connections. Auth is an API key with `actions:run`.
 * Tool calls go through the tRPC action procedures (procedure-caller.ts) with channel `mcp`;
 * provider and engine failures come back as `isError` results carrying the same envelope.
 */

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import {
  CallToolRequestSchema,
  type CallToolResult,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { AppRouter } from '@patchbay/api';
import { authenticateApiKey, scopeAllows } from '@patchbay/auth';
import { type Context, Hono } from 'hono';
import type { RequestVariables } from '../request-id.ts';
import { bearerToken, type TrpcRouteOptions } from '../trpc-route.ts';
import { actionInput, actionTools, LIST_CONNECTIONS_TOOL, listTools, tenantConnections } from './mcp-tools.ts';
import { errorEnvelope, procedureCaller } from './procedure-caller.ts';

type Ctx = Context<{ Variables: RequestVariables }>;

/** The `_meta` field a caller puts its idempotency key in: the same key, the stored result. */
export const IDEMPOTENCY_META = 'idempotencyKey';

function refuse(c: Ctx, status: 401 | 403 | 405, message: string) {
  if (status === 401) c.header('www-authenticate', 'Bearer realm="patchbay"');
  if (status === 405) c.header('allow', 'POST');
  // A JSON-RPC error without an id: the request never reached the protocol.
  return c.json({ jsonrpc: '2.0', id: null, error: { code: -32001, message } }, status);
}

const asText = (value: unknown): CallToolResult['content'] => [{ type: 'text', text: JSON.stringify(value) }];

export function mcpRoutes(options: TrpcRouteOptions & { router: AppRouter }) {
  const tools = actionTools(options.engine.registry.list());
  // The SDK builds an Ajv instance per Server unless given one: several ms on every stateless request.
  const jsonSchemaValidator = new AjvJsonSchemaValidator();
  const app = new Hono<{ Variables: RequestVariables }>();

  // Stateless: no session to resume or delete, and no stream for server-initiated messages.
  app.on(['GET', 'DELETE'], '/mcp', (c) => refuse(c, 405, 'This MCP endpoint is stateless: POST JSON-RPC requests'));
  app.post('/mcp', async (c) => {
    const bearer = bearerToken(c.req.header('authorization'));
    const key = bearer ? await authenticateApiKey(options.db, bearer) : undefined;
    if (!key) return refuse(c, 401, 'Send an API key as Authorization: Bearer <key>');
    if (!scopeAllows(key.scopes, 'actions:run')) return refuse(c, 403, 'This API key lacks the actions:run scope');

    const server = new Server(
      { name: 'patchbay', version: options.version },
      { capabilities: { tools: { listChanged: false } }, jsonSchemaValidator },
    );
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: listTools(tools, await tenantConnections(options.db, key.tenantId)),
    }));
    server.setRequestHandler(CallToolRequestSchema, async ({ params }): Promise<CallToolResult> => {
      const args = params.arguments ?? {};
      if (params.name === LIST_CONNECTIONS_TOOL) {
        const all = await tenantConnections(options.db, key.tenantId);
        const wanted = typeof args.connectorId === 'string' ? all.filter((x) => x.connectorId === args.connectorId) : all;
        const structured = { connections: wanted };
        return { content: asText(structured), structuredContent: structured };
      }
      const tool = tools.get(params.name);
      if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool ${params.name}`);
      const path = `actions.${tool.connector.id}.${tool.action.name}`;
      const idempotencyKey = params._meta?.[IDEMPOTENCY_META];
      try {
        const output = await procedureCaller(c, options, 'mcp', key).at(path)({
          connectionId: args.connectionId,
          input: actionInput(tool, args),
          idempotencyKey,
        });
        const structured = (tool.wrapped ? { result: output } : output) as Record<string, unknown>;
        return { content: asText(structured), structuredContent: structured };
      } catch (error) {
        // A failed call is a result the agent reads, never a protocol error: same envelope as REST.
        return { isError: true, content: asText(errorEnvelope(error, path, c.get('requestId')).body) };
      }
    });

    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      await server.close();
    }
  });
  return app;
}
