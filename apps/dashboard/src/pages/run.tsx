/** @module One run: its input, output and error, and a timeline of every HTTP attempt at the provider. */
import { useQuery } from '@tanstack/react-query';
import { Link } from '../router.tsx';
import { formatDuration, formatTime } from '../time.ts';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { JsonBlock } from '../ui/json-block.tsx';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';

type Attempt = RouterOutputs['runs']['get']['attempts'][number];

export function RunPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const run = useQuery(trpc.runs.get.queryOptions({ id }));
  return (
    <main className="page">
      <p>
        <Link href="/runs">← All runs</Link>
      </p>
      {run.isPending ? <Loading what="the run" /> : null}
      {run.error ? <ErrorMessage error={run.error} retry={() => run.refetch()} /> : null}
      {run.data ? (
        <>
          <h1>
            {run.data.connectorId}.{run.data.action} <StatusBadge status={run.data.status} />
          </h1>
          <dl className="facts">
            <dt>Run</dt>
            <dd>
              <code>{run.data.id}</code>
            </dd>
            <dt>Connection</dt>
            <dd>
              <Link href={`/connections/${run.data.connectionId}`}>{run.data.connectionId}</Link> (
              <Link href={`/runs?connectionId=${run.data.connectionId}`}>its runs</Link>)
            </dd>
            <dt>Created</dt>
            <dd>{formatTime(run.data.createdAt)}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(run.data.durationMs)}</dd>
            <dt>Channel</dt>
            <dd>
              {run.data.channel} ({run.data.mode}), attempt {run.data.attempt} of {run.data.maxAttempts}
            </dd>
          </dl>
          <Attempts attempts={run.data.attempts} />
          <div className="grid-2">
            <JsonBlock label="Input" value={run.data.input} />
            <JsonBlock label="Output" value={run.data.output} />
          </div>
          {run.data.error ? <JsonBlock label="Error" value={run.data.error} /> : null}
        </>
      ) : null}
    </main>
  );
}

const span = (a: Attempt) => Math.max(0, Date.parse(a.endedAt) - Date.parse(a.startedAt));

/** Each try as a bar placed on the run's own time axis, so waits between retries show. */
function Attempts({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0)
    return <p className="muted">No HTTP attempt was made (the run failed before reaching the provider, or is queued).</p>;
  const start = Math.min(...attempts.map((a) => Date.parse(a.startedAt)));
  const end = Math.max(...attempts.map((a) => Date.parse(a.endedAt)));
  const total = Math.max(1, end - start);
  return (
    <section className="card">
      <h2>Attempts</h2>
      <ol className="timeline" aria-label="Attempts at the provider">
        {attempts.map((a) => {
          const left = ((Date.parse(a.startedAt) - start) / total) * 100;
          const width = Math.max(1, (span(a) / total) * 100);
          return (
            <li key={`${a.attempt}-${a.try}`} className={a.outcome === 'ok' ? 'ok' : 'failed'}>
              <div className="timeline-label">
                <strong>
                  {a.method} {a.httpStatus ?? 'no response'}
                </strong>{' '}
                <span>{formatDuration(span(a))}</span> <span className="muted">{a.url}</span>
                <span className="muted">
                  {' '}
                  attempt {a.attempt}, try {a.try}
                  {a.errorCode ? `, ${a.errorCode}` : ''}
                </span>
              </div>
              <svg className="timeline-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                <rect x={left} y="0" width={width} height="4" />
              </svg>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
