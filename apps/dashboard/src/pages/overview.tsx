/**
 * @module Overview: runs per status over the chosen range (bucketed in the viewer's zone by the
 * server), error rate and p50/p95 duration per connector, and connections needing attention.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from '../router.tsx';
import { browserZone, formatDuration } from '../time.ts';
import { useTRPC } from '../trpc.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { RunsChart } from '../ui/runs-chart.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';

const RANGES = {
  '24h': { label: 'Last 24 hours', ms: 86_400_000, bucket: 'hour' },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000, bucket: 'hour' },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000, bucket: 'day' },
} as const;
type Range = keyof typeof RANGES;
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export function OverviewPage() {
  const trpc = useTRPC();
  const [range, setRange] = useState<Range>('24h');
  // The window is fixed when the range is picked so the query key stays stable between renders.
  const period = useMemo(() => {
    const to = new Date(Date.now() + 60_000);
    return { from: new Date(to.getTime() - RANGES[range].ms).toISOString(), to: to.toISOString() };
  }, [range]);
  const stats = useQuery(trpc.runs.stats.queryOptions({ ...period, bucket: RANGES[range].bucket, timeZone: browserZone() }));
  return (
    <main className="page">
      <h1>Overview</h1>
      <label className="inline">
        Range{' '}
        <select value={range} onChange={(e) => setRange(e.target.value as Range)}>
          {Object.entries(RANGES).map(([key, r]) => (
            <option key={key} value={key}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {stats.isPending ? <Loading what="run figures" /> : null}
      {stats.error ? <ErrorMessage error={stats.error} retry={() => stats.refetch()} /> : null}
      {stats.data ? (
        <>
          <section className="tiles" aria-label="Totals">
            <div className="tile">
              <span className="tile-value" data-testid="total-runs">
                {stats.data.totals.runs}
              </span>
              <span>runs</span>
            </div>
            <div className="tile">
              <span className="tile-value">{stats.data.totals.failed}</span>
              <span>failed</span>
            </div>
            <div className="tile">
              <span className="tile-value">{percent(stats.data.totals.errorRate)}</span>
              <span>error rate</span>
            </div>
          </section>
          <section className="card">
            <h2>Runs per status</h2>
            {stats.data.buckets.length ? (
              <RunsChart buckets={stats.data.buckets} from={period.from} to={period.to} bucket={stats.data.bucket} />
            ) : (
              <p className="muted">No runs in this range.</p>
            )}
          </section>
          <section className="card">
            <h2>Per connector</h2>
            {stats.data.connectors.length === 0 ? (
              <p className="muted">No runs in this range.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Connector</th>
                      <th scope="col">Runs</th>
                      <th scope="col">Error rate</th>
                      <th scope="col">p50</th>
                      <th scope="col">p95</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.data.connectors.map((c) => (
                      <tr key={c.connectorId}>
                        <td>
                          <Link href={`/runs?connectorId=${encodeURIComponent(c.connectorId)}`}>{c.connectorId}</Link>
                        </td>
                        <td>{c.total}</td>
                        <td>{percent(c.errorRate)}</td>
                        <td>{formatDuration(c.p50Ms)}</td>
                        <td>{formatDuration(c.p95Ms)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
      <NeedsAttention />
    </main>
  );
}

/** Connections whose grant needs the user again, or whose last call failed. */
function NeedsAttention() {
  const trpc = useTRPC();
  const reauth = useQuery(trpc.connections.list.queryOptions({ status: 'needs_reauth', limit: 10 }));
  const failing = useQuery(trpc.connections.list.queryOptions({ status: 'error', limit: 10 }));
  const rows = [...(reauth.data?.connections ?? []), ...(failing.data?.connections ?? [])];
  return (
    <section className="card" aria-labelledby="attention-heading">
      <h2 id="attention-heading">Connections needing attention</h2>
      {reauth.isPending || failing.isPending ? <Loading what="connections" /> : null}
      {reauth.error || failing.error ? <ErrorMessage error={reauth.error ?? failing.error} /> : null}
      {reauth.isSuccess && failing.isSuccess && rows.length === 0 ? <p className="muted">None: every connection is healthy.</p> : null}
      <ul className="plain">
        {rows.map((c) => (
          <li key={c.id}>
            <StatusBadge status={c.status} /> <Link href={`/connections/${c.id}`}>{c.name ?? c.providerAccountId ?? c.id}</Link> (
            {c.connectorId}){c.lastError ? `: ${c.lastError}` : ''}
          </li>
        ))}
      </ul>
      {rows.length ? <Link href="/connections">Open connections</Link> : null}
    </section>
  );
}
