/**
 * @module `runs.stats`: what the Overview page charts. Runs created in `[from, to)` counted per
 * status per time bucket (in the caller's time zone, so a "day" is the viewer's day), and per
 * connector the error rate and the p50/p95 duration of finished runs. Two grouped scans of the
 * tenant's `(tenant_id, created_at)` index; the bucket count is capped so a wide range at a fine
 * bucket cannot ask for an unbounded answer. Bench S13 times the Overview's load at 100k runs.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { badRequest } from '../domain-errors.ts';
import { runsReadProcedure } from '../procedures.ts';

const BUCKET_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const MAX_BUCKETS = 1_000;
const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

const validZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const runStatsInput = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    bucket: z.enum(['minute', 'hour', 'day']),
    connectorId: z.string().max(100).optional(),
    /** IANA zone buckets are cut in (default UTC). */
    timeZone: z.string().max(64).refine(validZone, 'an IANA time zone such as Europe/Paris').default('UTC'),
  })
  .refine((v) => Date.parse(v.from) < Date.parse(v.to), { message: 'from must be before to', path: ['to'] });

const emptyCounts = (): Record<Status, number> => ({ queued: 0, running: 0, succeeded: 0, failed: 0, dead: 0, cancelled: 0 });
const rate = (failed: number, finished: number) => (finished === 0 ? 0 : failed / finished);
const QUARTER_HOURS_SINCE = Date.UTC(1972, 0, 1);
type BucketRow = { start: Date; status: Status; n: string };
type ConnectorRow = { connector_id: string; total: string; finished: string; failed: string; p50: number | null; p95: number | null };
const ms = (value: number | string | null) => (value === null ? null : Math.round(Number(value)));

export const runStatsProcedure = runsReadProcedure.input(runStatsInput).query(async ({ ctx, input }) => {
  const from = new Date(input.from);
  const to = new Date(input.to);
  if ((to.getTime() - from.getTime()) / BUCKET_MS[input.bucket] > MAX_BUCKETS)
    throw badRequest(`At most ${MAX_BUCKETS} buckets: choose a coarser bucket or a shorter range`);
  // The tenant is named although row security enforces it: the policy alone does not lead the
  // planner to the (tenant_id, created_at) index.
  const scope = sql`tenant_id = ${ctx.tenant.id} and created_at >= ${from} and created_at < ${to}${
    input.connectorId ? sql` and connector_id = ${input.connectorId}` : sql``
  }`;
  // Hour and day buckets are cut from quarter-hour counts: converting each of 100k instants to the
  // viewer's zone and sorting them cost more than the rest of the query. Every zone offset since
  // 1972 is a whole number of quarter hours, so no quarter hour straddles a local hour or day.
  const quarters = input.bucket !== 'minute' && from.getTime() >= QUARTER_HOURS_SINCE;
  const bucketQuery = quarters
    ? sql<BucketRow>`
      select date_trunc(${input.bucket}, slot, ${input.timeZone}) as start, status, sum(n) as n
      from (select date_bin('15 minutes', created_at, timestamptz 'epoch') as slot, status, count(*) as n
        from runs where ${scope} group by 1, 2) as quarter
      group by 1, 2 order by 1`
    : sql<BucketRow>`
      select date_trunc(${input.bucket}, created_at, ${input.timeZone}) as start, status, count(*) as n
      from runs where ${scope}
      group by 1, 2 order by 1`;
  // Two independent reads, each in its own scope, so they run side by side on two connections.
  const [perBucket, perConnector] = await Promise.all([
    ctx.scoped(async (tx) => (await bucketQuery.execute(tx)).rows),
    ctx.scoped(async (tx) => {
      // Over a long range the percentiles sort every run in it: enough memory keeps that sort in RAM.
      await sql`set local work_mem = '32MB'`.execute(tx);
      const result = await sql<ConnectorRow>`
        select connector_id, count(*) as total,
          count(*) filter (where status in ('succeeded', 'failed', 'dead')) as finished,
          count(*) filter (where status in ('failed', 'dead')) as failed,
          percentile_cont(0.5) within group (order by duration_ms) filter (where duration_ms is not null) as p50,
          percentile_cont(0.95) within group (order by duration_ms) filter (where duration_ms is not null) as p95
        from runs where ${scope}
        group by connector_id order by count(*) desc`.execute(tx);
      return result.rows;
    }),
  ]);
  const buckets = new Map<string, Record<Status, number>>();
  for (const row of perBucket) {
    const key = new Date(row.start).toISOString();
    const counts = buckets.get(key) ?? emptyCounts();
    counts[row.status] = Number(row.n);
    buckets.set(key, counts);
  }
  const connectors = perConnector.map((row) => ({
    connectorId: row.connector_id,
    total: Number(row.total),
    failed: Number(row.failed),
    errorRate: rate(Number(row.failed), Number(row.finished)),
    p50Ms: ms(row.p50),
    p95Ms: ms(row.p95),
  }));
  const failed = connectors.reduce((sum, c) => sum + c.failed, 0);
  const finished = perConnector.reduce((sum, c) => sum + Number(c.finished), 0);
  return {
    bucket: input.bucket,
    timeZone: input.timeZone,
    buckets: [...buckets].map(([start, counts]) => ({ start, counts })),
    connectors,
    totals: { runs: connectors.reduce((sum, c) => sum + c.total, 0), failed, errorRate: rate(failed, finished) },
  };
});
