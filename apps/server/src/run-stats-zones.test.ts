/**
 * `runs.stats` cuts hour and day buckets from quarter-hour counts (bench S13: converting every
 * run to the viewer's zone was most of the Overview's cost at 100k runs). These runs sit a few
 * minutes either side of local midnights in zones whose offset is not a whole hour, and the
 * buckets must be exactly what `date_trunc` in that zone gives each run on its own.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AcmeTenant, connectAcme } from './testing/connect-acme.ts';
import { type FakeProvider, GOOD_API_KEY, startFakeProvider } from './testing/fake-provider.ts';
import { acmeKey, acmeOAuth } from './testing/fixtures/acme-connectors.ts';
import { ok } from './testing/http-session.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

let provider: FakeProvider;
let server: TestServer;
let tenant: AcmeTenant;

/** UTC instants 5 minutes either side of local midnight in Kathmandu (+5:45), Kolkata (+5:30), St John's (-3:30) and Chatham (+13:45). */
const INSTANTS = [
  '2026-11-19T18:10:00Z',
  '2026-11-19T18:20:00Z',
  '2026-11-19T18:25:00Z',
  '2026-11-19T18:35:00Z',
  '2026-11-19T03:25:00Z',
  '2026-11-19T03:35:00Z',
  '2026-11-19T10:10:00Z',
  '2026-11-19T10:20:00Z',
  '2026-11-19T23:59:59.999Z',
  '2026-11-20T00:00:00Z',
];
const ZONES = ['UTC', 'Asia/Kathmandu', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Australia/Lord_Howe'];
const range = { from: '2026-11-18T00:00:00Z', to: '2026-11-21T00:00:00Z' };

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startTestServer({ connectors: [acmeOAuth(provider), acmeKey(provider)] });
  tenant = await connectAcme(server);
  const connectionId = ok(
    await tenant.owner.mutation('connections.create', { connectorId: 'acme-key', credentials: { apiKey: GOOD_API_KEY } }),
  ).id;
  for (const [n] of INSTANTS.entries())
    ok(await tenant.owner.mutation('actions.acme-key.echo', { connectionId, input: { message: `run ${n}` } }));
  // Each run is moved to its instant, in the order they were made.
  const runs = await server.db.selectFrom('runs').select('id').where('tenant_id', '=', tenant.org).orderBy('created_at').execute();
  for (const [n, run] of runs.entries())
    await sql`update runs set created_at = ${new Date(INSTANTS[n] ?? range.from)} where id = ${run.id}`.execute(server.db);
});
afterAll(async () => {
  await server?.close();
  await provider?.stop();
});

/** What date_trunc in the zone gives each run, counted per bucket start. */
async function reference(bucket: 'hour' | 'day', zone: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ start: Date; n: string }>`
    select date_trunc(${bucket}, created_at, ${zone}) as start, count(*) as n from runs
    where tenant_id = ${tenant.org} and created_at >= ${new Date(range.from)} and created_at < ${new Date(range.to)}
    group by 1`.execute(server.db);
  return Object.fromEntries(rows.map((r) => [new Date(r.start).toISOString(), Number(r.n)]));
}

describe('runs.stats buckets in zones with part-hour offsets', () => {
  for (const zone of ZONES)
    for (const bucket of ['day', 'hour'] as const)
      it(`${bucket} buckets in ${zone} equal date_trunc run by run`, async () => {
        const stats = ok(await tenant.owner.query('runs.stats', { ...range, bucket, timeZone: zone }));
        const got = Object.fromEntries(
          stats.buckets.map((b: { start: string; counts: Record<string, number> }) => [
            b.start,
            Object.values(b.counts).reduce((sum, n) => sum + n, 0),
          ]),
        );
        expect(got).toEqual(await reference(bucket, zone));
        expect(stats.totals.runs).toBe(INSTANTS.length);
      });

  it('splits runs five minutes either side of midnight in Kathmandu into two days', async () => {
    const stats = ok(await tenant.owner.query('runs.stats', { ...range, bucket: 'day', timeZone: 'Asia/Kathmandu' }));
    const starts = stats.buckets.map((b: { start: string }) => b.start);
    // Kathmandu's 20 November starts at 18:15 UTC on the 19th.
    expect(starts).toContain('2026-11-19T18:15:00.000Z');
    expect(starts).toContain('2026-11-18T18:15:00.000Z');
  });
});
