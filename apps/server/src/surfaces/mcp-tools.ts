/**
 * @module MCP tools for a tenant: one per installed action whose connector has an active
 * connection in the tenant, named `<connectorId>__<action>`, its input the action's input plus
 * `connectionId` (only this tenant's connections are named in it), its output the action's output.
 */

import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Database } from '@patchbay/db';
import { withTenant } from '@patchbay/db';
import { type AnyConnector, type ConnectorDescription, describeConnector } from '@patchbay/sdk';
import type { Kysely } from 'kysely';

type JsonSchema = Record<string, unknown>;

export const LIST_CONNECTIONS_TOOL = 'patchbay_list_connections';
const SEPARATOR = '__';
/** Up to this many connections of a connector, `connectionId` is an enum of their ids. */
const ENUM_LIMIT = 20;

export interface ToolConnection {
  id: string;
  name: string | null;
  connectorId: string;
  status: string;
}

/** The tenant's connections, newest first: only ids, names and status, never credentials. */
export function tenantConnections(db: Kysely<Database>, tenantId: string): Promise<ToolConnection[]> {
  return withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom('connections')
      .select(['id', 'name', 'connector_id as connectorId', 'status'])
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute(),
  );
}

/** How an action's schemas become a tool's: computed once per process (zod to JSON Schema is not free). */
export interface ActionTool {
  connector: ConnectorDescription;
  action: ConnectorDescription['actions'][number];
  /** The action's own input properties sit beside `connectionId`; otherwise the input is nested under `input`. */
  flat: boolean;
  outputSchema: JsonSchema;
  /** The output is not an object: structured content carries it as `{ result }`. */
  wrapped: boolean;
}

const withoutDialect = ({ $schema: _, ...schema }: JsonSchema): JsonSchema => schema;

export function actionTools(connectors: readonly AnyConnector[]): Map<string, ActionTool> {
  const tools = new Map<string, ActionTool>();
  for (const connector of connectors) {
    const description = describeConnector(connector);
    for (const action of description.actions) {
      const input = action.inputSchema;
      const properties = input.properties as JsonSchema | undefined;
      const flat = input.type === 'object' && properties !== undefined && !Object.hasOwn(properties, 'connectionId');
      const output = withoutDialect(action.outputSchema);
      const wrapped = output.type !== 'object';
      tools.set(`${connector.id}${SEPARATOR}${action.name}`, {
        connector: description,
        action,
        flat,
        outputSchema: wrapped ? { type: 'object', properties: { result: output }, required: ['result'] } : output,
        wrapped,
      });
    }
  }
  return tools;
}

function connectionIdSchema(connector: ConnectorDescription, connections: readonly ToolConnection[]): JsonSchema {
  const named = connections.map((c) => `${c.name ?? 'unnamed'} (${c.id})`).join('; ');
  return {
    type: 'string',
    description: `The ${connector.name} connection to act as: ${named}. See ${LIST_CONNECTIONS_TOOL}.`,
    ...(connections.length <= ENUM_LIMIT ? { enum: connections.map((c) => c.id) } : { format: 'uuid' }),
  };
}

function inputSchema(tool: ActionTool, connections: readonly ToolConnection[]): Tool['inputSchema'] {
  const connectionId = connectionIdSchema(tool.connector, connections);
  const input = withoutDialect(tool.action.inputSchema);
  if (tool.flat) {
    const required = Array.isArray(input.required) ? (input.required as string[]) : [];
    return {
      ...input,
      type: 'object',
      properties: { connectionId, ...(input.properties as JsonSchema) },
      required: ['connectionId', ...required],
    };
  }
  return { type: 'object', properties: { connectionId, input }, required: ['connectionId', 'input'] };
}

/** `tools/list` for a tenant with these active connections. */
export function listTools(tools: ReadonlyMap<string, ActionTool>, connections: readonly ToolConnection[]): Tool[] {
  const active = connections.filter((c) => c.status === 'active');
  const listed: Tool[] = [LIST_CONNECTIONS_DEFINITION];
  for (const [name, tool] of tools) {
    const own = active.filter((c) => c.connectorId === tool.connector.id);
    if (own.length === 0) continue;
    const { readOnly, destructive, idempotent } = tool.action;
    listed.push({
      name,
      title: `${tool.connector.name}: ${tool.action.name}`,
      description: tool.action.description,
      inputSchema: inputSchema(tool, own),
      outputSchema: tool.outputSchema as Tool['outputSchema'],
      annotations: {
        readOnlyHint: readOnly,
        destructiveHint: !readOnly && destructive,
        idempotentHint: readOnly || idempotent,
        // Every action reaches a third-party provider.
        openWorldHint: true,
      },
    });
  }
  return listed;
}

/** The action's own input from a tool call's arguments (see `flat`). */
export function actionInput(tool: ActionTool, args: Record<string, unknown>): unknown {
  if (!tool.flat) return args.input;
  const { connectionId: _, ...input } = args;
  return input;
}

const CONNECTION_ITEM = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: ['string', 'null'] },
    connectorId: { type: 'string' },
    status: { type: 'string', enum: ['active', 'needs_reauth', 'revoked', 'error'] },
  },
  required: ['id', 'name', 'connectorId', 'status'],
};

export const LIST_CONNECTIONS_DEFINITION: Tool = {
  name: LIST_CONNECTIONS_TOOL,
  title: 'Patchbay: list connections',
  description: "This organization's connected accounts: the connectionId each action tool takes, and whether it is active.",
  inputSchema: { type: 'object', properties: { connectorId: { type: 'string', description: 'Only this connector' } } },
  outputSchema: { type: 'object', properties: { connections: { type: 'array', items: CONNECTION_ITEM } }, required: ['connections'] },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};
