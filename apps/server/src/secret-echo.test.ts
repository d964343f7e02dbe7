/**
 * A provider that echoes the credential it was shown (F4, REVIEW #11): the API key, access token
 * and refresh token appear in no API answer, no column of any table (any schema, text, json or
 * bytea, plain or base64), no webhook payload and no log line, whichever field of the error body
 * carried them and whether the connector or the HTTP client built the error.
 */
import { Writable } from 'node:stream';
import { type RunningWorker, startWorker } from '@patchbay/engine';
import { ConnectorError, defineAction, defineConnector } from '@patchbay/sdk';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createLogger } from './logger.ts';
import { connectAcme } from './testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { HttpSession, ok, type Reply } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.ts';
import { workerLog } from './worker-log.ts';

interface LeakBody {
  error: string;
  code: string;
  message: string;
  detail: { nested: { echo: string } };
}

/** Reads the echo into the message, providerCode and path, as a careless connector might. */
const mapLeak = ({ status, body }: { status: number; body: unknown }) => {
  const b = body as Partial<LeakBody>;
  if (status !== 400 || !b.detail) return undefined;
  return new ConnectorError('INVALID_INPUT', `Provider said: ${b.message}`, { status, providerCode: b.code, path: b.detail.nested.echo });
};

const leakActions = {
  leak: defineAction({
    description: 'Calls an endpoint that echoes the credential in a 400',
    input: z.object({}),
    output: z.object({}),
    run: async (_input, ctx) => (await ctx.http.get<Record<string, never>>('/leak')).data,
  }),
  leakAuth: defineAction({
    description: 'Calls an endpoint that echoes the credential in a 401',
    input: z.object({}),
    output: z.object({}),
    idempotent: true,
    run: async (_input, ctx) => (await ctx.http.get<Record<string, never>>('/leak?status=401')).data,
  }),
  throwLeak: defineAction({
    description: 'Throws its own error quoting the credentials',
    input: z.object({}),
    output: z.object({}),
    run: async (_input, ctx) => {
      const said = JSON.stringify(ctx.credentials);
      throw new ConnectorError('UPSTREAM', `refused ${said}`, { providerCode: said, path: said });
    },
  }),
};

let provider: FakeProvider;
let server: TestServer;
let worker: RunningWorker;
let receiver: WebhookReceiver;
let receiverUrl: string;
const deliveries = () => receiver.deliveries.map((d) => d.body);
const logLines: string[] = [];
const replies: Reply[] = [];

beforeAll(async () => {
  provider = await startFakeProvider();
  const logger = createLogger(
    'trace',
    new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    }),
  );
  const oauth = acmeOAuth(provider);
  const key = acmeKey(provider);
  server = await startTestServer({
    connectors: [
      defineConnector({ ...oauth, mapError: mapLeak, actions: { ...oauth.actions, ...leakActions } }),
      defineConnector({ ...key, mapError: mapLeak, actions: { ...key.actions, ...leakActions } }),
      // Its health check (run when a connection is created) is answered with the echo.
      defineConnector({
        ...key,
        id: 'leak-check',
        mapError: mapLeak,
        healthCheck: async (ctx) => {
          await ctx.http.get('/leak');
        },
      }),
    ],
    retry: { minDelayMs: 1, maxDelayMs: 2 },
    logger,
  });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100, log: workerLog(logger) });
  receiver = await startWebhookReceiver();
  receiverUrl = receiver.url;
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await provider?.stop();
  await receiver?.close();
});

const keep = (reply: Reply) => {
  replies.push(reply);
  return reply;
};

/** Every credential the provider ever saw or issued, plain and encoded. */
function needles(): string[] {
  const secrets = [GOOD_API_KEY, ...provider.validTokens, ...provider.refreshTokens];
  return secrets.flatMap((s) => [s, Buffer.from(s).toString('base64'), Buffer.from(s).toString('base64url')]);
}

describe('a provider that echoes the credential (F4)', () => {
  it('is heard by every exit without the credential', async () => {
    const tenant = await connectAcme(server);
    const owner = tenant.owner;
    const service = HttpSession.withApiKey(server.url, tenant.apiKey);
    ok(await owner.mutation('webhooks.create', { url: receiverUrl, events: ['run.failed', 'connection.status_changed'] }));
    const keyConnection = ok(await owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }))
      .id as string;

    const checked = keep(await owner.mutation('connections.create', { connectorId: 'leak-check', credentials: { apiKey: GOOD_API_KEY } }));
    expect(checked.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(checked.body)).toContain('[redacted]');

    // Synchronous calls: the echo in providerCode (client-built), in message/path (connector mapError), thrown by the connector.
    for (const action of ['leak', 'throwLeak']) {
      const reply = keep(await service.mutation(`actions.acme-key.${action}`, { connectionId: keyConnection, input: {} }));
      expect(reply.status).toBeGreaterThanOrEqual(400);
      const oauthReply = keep(await service.mutation(`actions.acme-oauth.${action}`, { connectionId: tenant.connectionId, input: {} }));
      expect(oauthReply.status).toBeGreaterThanOrEqual(400);
    }
    const leaked = replies[0]?.body.error;
    expect(leaked.data).toMatchObject({ reason: 'INVALID_INPUT', providerCode: '[redacted]', path: '[redacted]' });
    expect(leaked.message).toBe('Provider said: bad credential [redacted]');

    // A 401 that echoes: refreshed once (a new access and refresh token), echoed again, the connection needs re-authorization.
    const refused = keep(await service.mutation('actions.acme-oauth.leakAuth', { connectionId: tenant.connectionId, input: {} }));
    expect(refused.body.error.data).toMatchObject({ reason: 'AUTH_EXPIRED' });
    expect(provider.refreshTokens.size).toBeGreaterThanOrEqual(2);

    // Queued: the worker's run record, job payload and run.failed event.
    const queued = ok(
      keep(await service.mutation('runs.enqueue', { connectionId: keyConnection, connectorId: 'acme-key', action: 'leak', input: {} })),
    );
    await vi.waitFor(async () => expect(ok(keep(await service.query('runs.get', { id: queued.runId }))).status).toBe('failed'), {
      timeout: 20_000,
      interval: 100,
    });
    await vi.waitFor(
      () => {
        expect(deliveries().filter((d) => d.includes('"run.failed"')).length).toBeGreaterThanOrEqual(6);
        expect(deliveries().some((d) => d.includes('"connection.status_changed"'))).toBe(true);
      },
      { timeout: 20_000, interval: 100 },
    );

    // Everything a member can read back.
    const runs = ok(keep(await service.query('runs.list', {})));
    expect(runs.runs.length).toBeGreaterThanOrEqual(5);
    for (const run of runs.runs) keep(await service.query('runs.get', { id: run.id }));
    keep(await owner.query('connections.get', { id: tenant.connectionId }));
    keep(await owner.query('connections.list'));

    const secrets = needles();
    expect(secrets.length).toBeGreaterThanOrEqual(9);
    const answers = JSON.stringify(replies.map((r) => r.body));
    expect(answers).toContain('[redacted]');
    for (const needle of secrets) {
      expect(answers, 'API answers').not.toContain(needle);
      for (const delivery of deliveries()) expect(delivery, 'webhook payload').not.toContain(needle);
      for (const line of logLines) expect(line, 'log line').not.toContain(needle);
    }
  });

  it('leaves the credential in no column of any table (text, json, bytea, arrays; plain or base64)', async () => {
    const secrets = needles();
    const { rows: columns } = await sql<{ schema: string; table: string; column: string; type: string }>`
      select c.table_schema as schema, c.table_name as table, c.column_name as column, c.data_type as type
      from information_schema.columns c
      join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
      where c.table_schema not in ('pg_catalog', 'information_schema') and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea', 'ARRAY')`.execute(server.db);
    const scanned = columns.map((c) => `${c.table}.${c.column}`);
    expect(scanned).toEqual(expect.arrayContaining(['runs.error', 'runs.output', 'connections.last_error']));
    for (const { schema, table, column, type } of columns) {
      const asText = type === 'bytea' ? sql`encode(${sql.ref(column)}, 'escape')` : sql`${sql.ref(column)}::text`;
      const { rows } = await sql<{ value: string | null }>`select ${asText} as value from ${sql.table(`${schema}.${table}`)}`.execute(
        server.db,
      );
      for (const { value } of rows) for (const needle of secrets) expect(value ?? '', `${schema}.${table}.${column}`).not.toContain(needle);
    }
  });
});
