import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok } from './testing/http-session.ts';
import { newVerifiedUser } from './testing/sign-up.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

interface Tenant {
  keyId: string;
  key: string;
  api: HttpSession;
  admin: HttpSession;
  connectionId: string;
  connectionName: string;
}

let provider: FakeProvider;
let server: TestServer;
let a: Tenant;
let b: Tenant;
const clients: Client[] = [];

async function tenant(label: string, scopes?: string[]): Promise<Tenant> {
  const { session } = await newVerifiedUser(server.url, server.outbox, `mcp-${label}-${Date.now()}@example.com`);
  const org = ok(await session.mutation('orgs.create', { name: `MCP ${label}` })).id;
  const owner = session.withOrg(org);
  const admin = HttpSession.withApiKey(server.url, ok(await owner.mutation('apiKeys.create', { name: 'setup' })).key);
  const connectionName = `Acme account of tenant ${label}`;
  const connectionId = ok(
    await admin.mutation('connections.create', { connectorId: 'acme-key', name: connectionName, credentials: { apiKey: GOOD_API_KEY } }),
  ).id;
  const created = ok(await owner.mutation('apiKeys.create', { name: 'agent', scopes: scopes ?? ['actions:run', 'runs:read'] }));
  return { keyId: created.id, key: created.key, api: HttpSession.withApiKey(server.url, created.key), admin, connectionId, connectionName };
}

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: 'mcp-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)], retry: { minDelayMs: 5, maxDelayMs: 10 } });
  a = await tenant('a');
  b = await tenant('b');
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await server?.close();
  await provider?.stop();
});
beforeEach(() => {
  provider.script = [];
});

describe('MCP over Streamable HTTP with an API key', () => {
  it('lists one tool per action of connectors the tenant has an active connection to, with schemas and annotations', async () => {
    const client = await connect(a.key);
    const { tools } = await client.listTools();
    // acme-oauth has no connection in this tenant: none of its actions is offered.
    expect(tools.map((t) => t.name).sort()).toEqual([
      'acme-key__echo',
      'acme-key__scripted',
      'acme-key__slow',
      'patchbay_list_connections',
    ]);
    const echo = tools.find((t) => t.name === 'acme-key__echo');
    expect(echo?.description).toBe('Echoes a message');
    expect(echo?.inputSchema).toMatchObject({
      type: 'object',
      properties: { connectionId: { type: 'string', enum: [a.connectionId] }, message: { type: 'string', minLength: 1 } },
      required: ['connectionId', 'message'],
    });
    expect(echo?.inputSchema.properties?.connectionId).toMatchObject({ description: expect.stringContaining(a.connectionName) });
    expect(echo?.outputSchema).toMatchObject({ type: 'object', properties: { message: { type: 'string' }, calls: { type: 'number' } } });
    expect(echo?.annotations).toEqual({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    const scripted = tools.find((t) => t.name === 'acme-key__scripted');
    expect(scripted?.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true });
    expect(tools.find((t) => t.name === 'patchbay_list_connections')?.annotations?.readOnlyHint).toBe(true);
  });

  it('calls an action through the runner: structured output, and a run with channel mcp and the key as actor', async () => {
    const client = await connect(a.key);
    const result = await client.callTool({ name: 'acme-key__echo', arguments: { connectionId: a.connectionId, message: 'from an agent' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ message: 'from an agent' });
    const { runs } = ok(await a.api.query('runs.list', { connectionId: a.connectionId, limit: 1 }));
    expect(runs[0]).toMatchObject({ action: 'echo', status: 'succeeded', channel: 'mcp', createdBy: `api_key:${a.keyId}` });
  });

  it('a provider 429 is an isError result with reason RATE_LIMITED and the provider retry-after, and a failed run', async () => {
    provider.script = [{ status: 429, retryAfter: 30 }];
    const client = await connect(a.key);
    const result = await client.callTool({ name: 'acme-key__scripted', arguments: { connectionId: a.connectionId } });
    expect(result.isError).toBe(true);
    const [content] = result.content as { type: string; text: string }[];
    const envelope = JSON.parse(content?.text ?? '{}');
    expect(envelope.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'RATE_LIMITED', retryAfterMs: 30_000 });
    const run = ok(await a.api.query('runs.get', { id: envelope.error.runId }));
    expect(run).toMatchObject({ action: 'scripted', status: 'failed', channel: 'mcp', createdBy: `api_key:${a.keyId}` });
    // Both calls of this file are on record, the success and the failure.
    const { runs } = ok(await a.api.query('runs.list', { connectionId: a.connectionId }));
    expect(runs.filter((r: { channel: string }) => r.channel === 'mcp').map((r: { status: string }) => r.status)).toEqual([
      'failed',
      'succeeded',
    ]);
  });

  it('an idempotency key in _meta returns the stored result without calling the provider again', async () => {
    const client = await connect(a.key);
    const call = () =>
      client.callTool({
        name: 'acme-key__echo',
        arguments: { connectionId: a.connectionId, message: 'once' },
        _meta: { idempotencyKey: 'mcp-once-1' },
      });
    const before = provider.apiCalls.get('/echo') ?? 0;
    const first = await call();
    const second = await call();
    expect(second.structuredContent).toEqual(first.structuredContent);
    expect(provider.apiCalls.get('/echo')).toBe(before + 1);
  });

  it('bad input is an isError result naming the field, not a protocol error', async () => {
    const client = await connect(a.key);
    const result = await client.callTool({ name: 'acme-key__echo', arguments: { connectionId: a.connectionId, message: '' } });
    expect(result.isError).toBe(true);
    const [content] = result.content as { text: string }[];
    expect(JSON.parse(content?.text ?? '{}').error).toMatchObject({ code: 'BAD_REQUEST', reason: 'INVALID_INPUT' });
  });

  it('patchbay_list_connections lists the tenant connections', async () => {
    const client = await connect(a.key);
    const result = await client.callTool({ name: 'patchbay_list_connections', arguments: {} });
    expect(result.structuredContent).toEqual({
      connections: [{ id: a.connectionId, name: a.connectionName, connectorId: 'acme-key', status: 'active' }],
    });
  });

  it('tools/list follows connection changes: a deleted connection takes its tools away', async () => {
    const c = await tenant('c');
    const client = await connect(c.key);
    expect((await client.listTools()).tools).toHaveLength(4);
    ok(await c.admin.mutation('connections.delete', { id: c.connectionId }));
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['patchbay_list_connections']);
  });

  it("tenant B's key sees none of tenant A's connections in any tool schema, description or result", async () => {
    const client = await connect(b.key);
    const { tools } = await client.listTools();
    const listed = JSON.stringify(tools);
    expect(listed).toContain(b.connectionId);
    expect(listed).not.toContain(a.connectionId);
    expect(listed).not.toContain(a.connectionName);
    const connections = JSON.stringify((await client.callTool({ name: 'patchbay_list_connections', arguments: {} })).structuredContent);
    expect(connections).not.toContain(a.connectionId);
    // Naming A's connection outright fails as not found in B's tenant, and leaves no run in A.
    const result = await client.callTool({ name: 'acme-key__echo', arguments: { connectionId: a.connectionId, message: 'x' } });
    expect(result.isError).toBe(true);
    const [content] = result.content as { text: string }[];
    expect(JSON.parse(content?.text ?? '{}').error).toMatchObject({ code: 'NOT_FOUND', reason: 'CONNECTION_NOT_FOUND' });
  });

  it('refuses a missing or wrong key with 401, and a key without actions:run with 403', async () => {
    const post = (authorization?: string) =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
    const missing = await post();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await post('Bearer pbk_not_a_key')).status).toBe(401);
    const reader = await tenant('reader', ['runs:read']);
    expect((await post(`Bearer ${reader.key}`)).status).toBe(403);
  });
});
