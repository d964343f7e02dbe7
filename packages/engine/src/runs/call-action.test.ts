/**
 * The synchronous runner against real Postgres, with the provider faked at the network edge
 * (undici MockAgent as the engine's dispatcher).
 */
import { randomUUID } from 'node:crypto';
import { generateKeyEntry, parseKeyRing } from '@patchbay/auth';
import { withTenant } from '@patchbay/db';
import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { apiKey, ConnectorError, defineAction, defineConnector } from '@patchbay/sdk';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, type Engine } from '../engine.ts';
import { createRegistry } from '../registry.ts';
import { ActionFailed } from './action-failed.ts';

const ORIGIN = 'https://probe.example';
const probe = defineConnector({
  id: 'probe',
  name: 'Probe',
  version: '1.0.0',
  description: 'A provider that answers whatever the test says',
  auth: apiKey({
    fields: z.object({ apiKey: z.string() }),
    apply: (credentials, request) => {
      request.headers['x-api-key'] = credentials.apiKey;
    },
  }),
  baseUrls: [ORIGIN],
  actions: {
    fetch: defineAction({
      description: 'Returns the provider answer as it came',
      input: z.object({ id: z.string() }),
      output: z.object({ text: z.string(), tags: z.record(z.string(), z.string()) }),
      run: async (input, ctx) => (await ctx.http.post<{ text: string; tags: Record<string, string> }>('/fetch', { json: input })).data,
    }),
    /** Fails as the SDK's HTTP client reports a request that did (or did not) reach the provider. */
    flaky: defineAction({
      description: 'Fails while the test says so',
      input: z.object({ id: z.string() }),
      output: z.object({ runs: z.number() }),
      run: async (input) => {
        const n = (flakyRuns.get(input.id) ?? 0) + 1;
        flakyRuns.set(input.id, n);
        const failure = flakyFailures.get(input.id)?.shift();
        if (failure) throw new ConnectorError('UPSTREAM', 'The provider failed', failure);
        return { runs: n };
      },
    }),
  },
});

const flakyRuns = new Map<string, number>();
const flakyFailures = new Map<string, { requestSent?: boolean }[]>();

let t: TestDatabase;
let agent: MockAgent;
let engine: Engine;
const tenantId = randomUUID();
let connectionId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  agent = new MockAgent();
  agent.disableNetConnect();
  engine = createEngine({
    db: t.db,
    ring: parseKeyRing(generateKeyEntry('k1')),
    registry: createRegistry({ connectors: [probe] }),
    publicUrl: 'http://127.0.0.1:3000',
    dispatcher: agent,
    retry: { attempts: 1 },
  });
  // In the tenant's scope: FORCE RLS binds a non-superuser owner (managed Postgres) too.
  await withTenant(t.db, tenantId, (tx) => tx.insertInto('organizations').values({ id: tenantId, name: 'T' }).execute());
  connectionId = (await engine.createConnection(tenantId, { connectorId: 'probe', credentials: { apiKey: 'k-123456' } })).id;
});
afterAll(async () => {
  await engine?.close();
  await agent?.close();
  await t?.destroy();
});

function answer(body: unknown, delayMs = 0) {
  const reply = agent
    .get(ORIGIN)
    .intercept({ path: '/fetch', method: 'POST' })
    .reply(200, JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  if (delayMs > 0) reply.delay(delayMs);
}

const runRow = (id: string) => t.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('callAction', () => {
  it('a provider answer Postgres cannot store still gives the caller the real output, and a record', async () => {
    const text = 'nul \u0000 and lone \ud800 surrogate';
    answer({ text, tags: { 'k\u0000ey': 'v\udc00' } });
    const result = await engine.call({ tenantId, connectorId: 'probe', action: 'fetch', connectionId, input: { id: '1' } });
    expect(result.output).toEqual({ text, tags: { 'k\u0000ey': 'v\udc00' } });
    const run = await runRow(result.runId);
    expect(run.status).toBe('succeeded');
    expect(run.output).toEqual({ text: 'nul \uFFFD and lone \uFFFD surrogate', tags: { 'k\uFFFDey': 'v\uFFFD' } });
  });

  it('names runs with time-ordered (version 7) ids, so the runs index grows at its end', async () => {
    answer({ text: 'a', tags: {} });
    const plain = await engine.call({ tenantId, connectorId: 'probe', action: 'fetch', connectionId, input: { id: '2' } });
    answer({ text: 'b', tags: {} });
    const keyed = await engine.call({
      tenantId,
      connectorId: 'probe',
      action: 'fetch',
      connectionId,
      input: { id: '3' },
      idempotencyKey: `v7-${randomUUID()}`,
    });
    for (const id of [plain.runId, keyed.runId]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const run = await runRow(id);
      expect(Math.abs(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16) - run.created_at.getTime())).toBeLessThan(5_000);
    }
    expect(keyed.runId > plain.runId).toBe(true);
  });

  it('runs.cancel aborts a keyed sync call running in this process, and the run ends cancelled', async () => {
    answer({ text: 'late', tags: {} }, 5_000);
    const key = `cancel-${randomUUID()}`;
    const call = engine.call({ tenantId, connectorId: 'probe', action: 'fetch', connectionId, input: { id: '2' }, idempotencyKey: key });
    let runId: string | undefined;
    while (!runId) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      runId = (await t.db.selectFrom('runs').select('id').where('idempotency_key', '=', key).executeTakeFirst())?.id;
    }
    expect(await engine.cancelRun(tenantId, runId)).toEqual({ id: runId, status: 'cancelling' });
    const failure = await call.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ActionFailed);
    expect((failure as ActionFailed).error.code).toBe('CANCELLED');
    expect((await runRow(runId)).status).toBe('cancelled');
  });

  it('runs.cancel on a sync run this process does not hold says it cannot, with RUN_STATE', async () => {
    const [row] = await t.db
      .insertInto('runs')
      .values({
        tenant_id: tenantId,
        connection_id: connectionId,
        connector_id: 'probe',
        action: 'fetch',
        connector_version: '1.0.0',
        mode: 'sync',
        status: 'running',
        idempotency_key: `elsewhere-${randomUUID()}`,
        input_hash: 'h',
      })
      .returning('id')
      .execute();
    const refused = await engine.cancelRun(tenantId, row?.id ?? '').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'RUN_STATE', message: expect.stringMatching(/another server process/) });
    expect((await runRow(row?.id ?? '')).status).toBe('running');
  });

  it('UPSTREAM before the request was sent releases the key; UPSTREAM after it was sent is replayed', async () => {
    const call = (id: string) =>
      engine.call({ tenantId, connectorId: 'probe', action: 'flaky', connectionId, input: { id }, idempotencyKey: `flaky-${id}` });
    flakyFailures.set('unsent', [{ requestSent: false }]);
    await expect(call('unsent')).rejects.toBeInstanceOf(ActionFailed);
    expect((await call('unsent')).output).toEqual({ runs: 2 });

    flakyFailures.set('sent', [{ requestSent: true }]);
    await expect(call('sent')).rejects.toBeInstanceOf(ActionFailed);
    await expect(call('sent')).rejects.toMatchObject({ error: { code: 'UPSTREAM' } });
    expect(flakyRuns.get('sent')).toBe(1);
  });
});
