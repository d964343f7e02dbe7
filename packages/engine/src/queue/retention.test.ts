import { randomBytes, randomUUID } from 'node:crypto';
import { type RunStatus, withTenant } from '@patchbay/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRuns } from '../testing/insert-runs.ts';
import { createQueueFixture, type QueueFixture } from '../testing/queue-fixture.ts';

let f: QueueFixture;
beforeAll(async () => {
  f = await createQueueFixture({ runRetentionDays: 30 });
});
afterAll(() => f?.close());

const daysAgo = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;
const fromNow = (minutes: number) => sql<Date>`now() + make_interval(mins => ${minutes})`;

const insertRun = async (status: RunStatus, createdDaysAgo: number, finishedDaysAgo: number | null) =>
  (
    await insertRuns(f.t.db, f, [
      { status, created_at: daysAgo(createdDaysAgo), finished_at: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo) },
    ])
  )[0];

const token = () => randomBytes(16).toString('hex');

describe('retention', () => {
  it('prunes finished runs past the retention period and expired flows, connect sessions, sessions and sign-in failures; keeps the rest', async () => {
    const old = await Promise.all((['succeeded', 'failed', 'dead', 'cancelled'] as const).map((status) => insertRun(status, 45, 40)));
    const recent = await insertRun('succeeded', 45, 29);
    const oldQueued = await insertRun('queued', 45, null);
    const oldRunning = await insertRun('running', 45, null);

    const flow = (expiresAt: ReturnType<typeof fromNow>) => ({
      tenant_id: f.tenantId,
      state_hash: token(),
      connector_id: 'effect',
      redirect_uri: 'http://127.0.0.1:3000/oauth/callback',
      return_to: 'http://127.0.0.1:3000/',
      expires_at: expiresAt,
    });
    await f.t.db
      .insertInto('oauth_flows')
      .values([flow(fromNow(-1)), flow(fromNow(10))])
      .execute();
    const connectSession = (expiresAt: ReturnType<typeof fromNow>) => ({
      tenant_id: f.tenantId,
      token_hash: token(),
      connector_id: 'effect',
      return_to: 'http://127.0.0.1:3000/',
      expires_at: expiresAt,
    });
    await f.t.db
      .insertInto('connect_sessions')
      .values([connectSession(fromNow(-1)), connectSession(fromNow(10))])
      .execute();
    const user = await f.t.db
      .insertInto('users')
      .values({ id: randomUUID(), email: `${token()}@example.com`, password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await f.t.db
      .insertInto('sessions')
      .values([
        { id: token(), user_id: user.id, expires_at: fromNow(-1) },
        { id: token(), user_id: user.id, expires_at: fromNow(60) },
      ])
      .execute();
    await f.t.db
      .insertInto('sign_in_failures')
      .values([
        { email: 'a@example.com', ip: '192.0.2.1', failed_at: daysAgo(2) },
        { email: 'a@example.com', ip: '192.0.2.1', failed_at: fromNow(-1) },
      ])
      .execute();

    expect(await f.engine.pruneExpired()).toEqual({
      runs: 4,
      oauthFlows: 1,
      connectSessions: 1,
      sessions: 1,
      signInFailures: 1,
      triggerEvents: 0,
      webhookDeliveries: 0,
    });

    const left = await f.t.db.selectFrom('runs').select('id').where('tenant_id', '=', f.tenantId).execute();
    expect(left.map((r) => r.id).sort()).toEqual([recent, oldQueued, oldRunning].sort());
    expect(old.some((id) => left.some((r) => r.id === id))).toBe(false);
    const count = async (table: 'oauth_flows' | 'connect_sessions' | 'sessions' | 'sign_in_failures') =>
      Number(
        (
          await f.t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('oauth_flows')).toBe(1);
    expect(await count('connect_sessions')).toBe(1);
    expect(await count('sessions')).toBe(1);
    expect(await count('sign_in_failures')).toBe(1);
    expect(await f.engine.pruneExpired()).toEqual({
      runs: 0,
      oauthFlows: 0,
      connectSessions: 0,
      sessions: 0,
      signInFailures: 0,
      triggerEvents: 0,
      webhookDeliveries: 0,
    });
  });

  it('prunes received trigger events past the retention period and keeps recent ones', async () => {
    const subscriptionId = randomUUID();
    await withTenant(f.t.db, f.tenantId, async (tx) => {
      await tx
        .insertInto('trigger_subscriptions')
        .values({
          tenant_id: f.tenantId,
          id: subscriptionId,
          connection_id: f.connectionId,
          connector_id: 'effect',
          trigger: 't',
          secret_sealed: 'x',
        })
        .execute();
      const event = (id: string, createdAt: ReturnType<typeof daysAgo>) => ({
        tenant_id: f.tenantId,
        subscription_id: subscriptionId,
        connection_id: f.connectionId,
        provider_event_id: id,
        event_type: 'test',
        payload: '{}',
        created_at: createdAt,
      });
      await tx
        .insertInto('trigger_events')
        .values([event('old', daysAgo(31)), event('recent', daysAgo(29))])
        .execute();
    });
    expect(await f.engine.pruneExpired()).toMatchObject({ triggerEvents: 1 });
    const left = await withTenant(f.t.db, f.tenantId, (tx) => tx.selectFrom('trigger_events').select('provider_event_id').execute());
    expect(left.map((e) => e.provider_event_id)).toEqual(['recent']);
  });

  it('prunes webhook deliveries whose last attempt is past the retention period', async () => {
    const endpointId = randomUUID();
    await withTenant(f.t.db, f.tenantId, async (tx) => {
      await tx
        .insertInto('webhook_endpoints')
        .values({ tenant_id: f.tenantId, id: endpointId, url: 'https://hooks.example.com/x', secret_sealed: 'x', events: ['run.failed'] })
        .execute();
      const delivery = (eventId: string, at: ReturnType<typeof daysAgo>) => ({
        tenant_id: f.tenantId,
        endpoint_id: endpointId,
        event_id: eventId,
        event_type: 'run.failed',
        event: '{}',
        status: 'delivered' as const,
        response_status: 200,
        error: null,
        duration_ms: 3,
        created_at: daysAgo(40),
        last_attempt_at: at,
      });
      await tx
        .insertInto('webhook_deliveries')
        .values([delivery('evt_old', daysAgo(31)), delivery('evt_redelivered', daysAgo(1))])
        .execute();
    });
    expect(await f.engine.pruneExpired()).toMatchObject({ webhookDeliveries: 1 });
    const left = await withTenant(f.t.db, f.tenantId, (tx) => tx.selectFrom('webhook_deliveries').select('event_id').execute());
    expect(left.map((d) => d.event_id)).toEqual(['evt_redelivered']);
  });
});
