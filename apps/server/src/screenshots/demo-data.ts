/**
 * @module Believable demo data for the screenshots, made through the API as a person would
 * (sign up, verify, organization, API key, connections, action calls, a webhook endpoint), plus
 * a few hundred older runs written straight to the database so the charts have a week to show.
 */
import type { Database } from '@patchbay/db';
import { type Kysely, sql } from 'kysely';
import { type FakeProvider, GOOD_API_KEY } from '../testing/fake-provider.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop, walkToCallback } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import type { Outbox } from '../testing/test-accounts.ts';

export const DEMO_EMAIL = 'ada@example.com';
export const DEMO_PASSWORD = 'a long unusual phrase';

export interface DemoData {
  org: string;
  /** A run that failed at the provider, with its attempts (the run page's screenshot). */
  failedRunId: string;
  /** The end-user connect page of a fresh connect link for the API-key connector. */
  connectPath: string;
  /** An API-key connection (its page, and Try an action on it). */
  connectionId: string;
}

interface DemoServer {
  url: string;
  db: Kysely<Database>;
  outbox: Outbox;
  provider: FakeProvider;
}

const KEY_CONNECTIONS = ['Billing workspace', 'Support inbox', 'Marketing team', 'EU region', 'Sandbox'];

export async function seedDemo(server: DemoServer): Promise<DemoData> {
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, DEMO_EMAIL, 'Ada Lovelace');
  const org = ok(await user.mutation('orgs.create', { name: 'Acme Robotics' })).id as string;
  const owner = user.withOrg(org);
  ok(await owner.mutation('apiKeys.create', { name: 'production backend' }));
  ok(await owner.mutation('oauthApps.set', { connectorId: 'acme-oauth', clientId: 'patchbay-client', clientSecret: 'acme-client-secret' }));
  const flow = await walkToCallback(`${server.url}/oauth/acme-oauth/authorize?org=${org}`, user);
  const back = await hop(flow.callbackUrl, flow.browser);
  const oauthConnection = back.location?.searchParams.get('connection_id');
  if (!oauthConnection) throw new Error(`connecting acme-oauth failed: ${back.location}`);
  await server.db.updateTable('connections').set({ name: 'Ada at Acme Cloud' }).where('id', '=', oauthConnection).execute();
  for (let n = 0; n < 4; n++) ok(await owner.mutation('actions.acme-oauth.whoami', { connectionId: oauthConnection, input: {} }));
  const keyConnections: string[] = [];
  for (const [n, name] of KEY_CONNECTIONS.entries()) {
    const created = ok(
      await owner.mutation('connections.create', {
        connectorId: 'acme-key',
        name,
        credentials: { apiKey: GOOD_API_KEY },
        endUserId: `customer-${101 + n}`,
      }),
    );
    keyConnections.push(created.id);
  }
  // Real calls, so runs have attempts with HTTP statuses; one in six fails at the provider.
  let failedRunId = '';
  for (let n = 0; n < 24; n++) {
    const connectionId = keyConnections[n % keyConnections.length] ?? '';
    if (n % 6 === 5) {
      server.provider.script.push({ status: n % 12 === 5 ? 404 : 422, body: { error: 'invoice not found' } });
      const reply = await owner.mutation('actions.acme-key.scripted', { connectionId, input: {} });
      failedRunId ||= String(reply.body?.error?.data?.runId ?? '');
    } else ok(await owner.mutation('actions.acme-key.echo', { connectionId, input: { message: `order #${1040 + n} shipped` } }));
  }
  if (!failedRunId) {
    const failed = await server.db
      .selectFrom('runs')
      .select('id')
      .where('tenant_id', '=', org)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    failedRunId = failed?.id ?? '';
  }
  // Statuses a real deployment shows after a while: a grant the user revoked, a key that stopped working.
  const [, reauth, broken, revoked] = keyConnections;
  const now = new Date();
  await server.db
    .updateTable('connections')
    .set({ status: 'needs_reauth', last_error: 'The provider refused the credentials (401): reconnect to continue', last_error_at: now })
    .where('id', '=', reauth ?? '')
    .execute();
  await server.db
    .updateTable('connections')
    .set({ status: 'error', last_error: 'Upstream answered 503 three times in a row', last_error_at: now })
    .where('id', '=', broken ?? '')
    .execute();
  await server.db
    .updateTable('connections')
    .set({ status: 'revoked' })
    .where('id', '=', revoked ?? '')
    .execute();
  await seedHistory(server.db, org, [
    ...keyConnections.map((id) => ({ id, connector: 'acme-key' })),
    { id: oauthConnection, connector: 'acme-oauth' },
  ]);
  ok(
    await owner.mutation('webhooks.create', {
      url: 'https://hooks.acme-robotics.example/patchbay',
      events: ['run.completed', 'run.failed'],
    }),
  );
  ok(await owner.mutation('orgs.setReturnOrigins', { origins: ['https://app.acme-robotics.example'] }));
  const link = ok(
    await owner.mutation('connectSessions.create', {
      connectorId: 'acme-key',
      endUserId: 'customer-201',
      returnTo: 'https://app.acme-robotics.example/settings/integrations',
    }),
  );
  const connect = new URL(link.url);
  return { org, failedRunId, connectPath: `${connect.pathname}${connect.search}${connect.hash}`, connectionId: keyConnections[0] ?? '' };
}

/** 360 older runs over the past week, about one in ten failed, so Overview's chart and table have shape. */
async function seedHistory(db: Kysely<Database>, org: string, connections: { id: string; connector: string }[]): Promise<void> {
  const ids = connections.map((c) => c.id);
  const connectors = connections.map((c) => c.connector);
  await sql`
    insert into runs (tenant_id, connection_id, connector_id, action, connector_version, mode, status, input_hash,
      created_at, started_at, finished_at, duration_ms)
    select ${org}::uuid, (${ids}::uuid[])[1 + i % ${ids.length}], (${connectors}::text[])[1 + i % ${ids.length}],
      case when (${connectors}::text[])[1 + i % ${ids.length}] = 'acme-oauth' then 'whoami' when i % 4 = 0 then 'scripted' else 'echo' end, '1.0.0', 'sync',
      case when i % 10 = 3 then 'failed' when i % 47 = 0 then 'dead' else 'succeeded' end, 'demo',
      t.created, t.created, t.created + make_interval(secs => d.ms / 1000.0), d.ms
    from generate_series(1, 360) as i
    cross join lateral (select now() - interval '1 hour' - make_interval(secs => i * 1650 + (i * 7919) % 1200) as created) t
    cross join lateral (select 40 + (i * 7919) % 260 + case when i % 25 = 0 then 900 else 0 end as ms) d`.execute(db);
}
