/**
 * @module Runs: newest first, filtered by status, connector, action, connection and time range
 * (entered in the viewer's zone), a page at a time. Filters live in the URL so a view can be linked.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, navigate, useLocation } from '../router.tsx';
import { errorText } from '../run-error.ts';
import { formatDuration, formatTime, localInputToIso } from '../time.ts';
import { useTRPC } from '../trpc.ts';
import { LoadMore } from '../ui/load-more.tsx';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];
const FIELDS = ['status', 'connectorId', 'action', 'connectionId', 'from', 'to'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function RunsPage() {
  const trpc = useTRPC();
  const { search } = useLocation();
  const [draft, setDraft] = useState(() => Object.fromEntries(FIELDS.map((f) => [f, search.get(f) ?? ''])) as Record<string, string>);
  const get = (f: (typeof FIELDS)[number]) => search.get(f) ?? '';
  const status = get('status');
  const from = localInputToIso(get('from'));
  const to = localInputToIso(get('to'));
  const connectionId = get('connectionId');
  const filters = {
    ...(STATUSES.includes(status as Status) ? { status: status as Status } : {}),
    ...(get('connectorId') ? { connectorId: get('connectorId') } : {}),
    ...(get('action') ? { action: get('action') } : {}),
    ...(UUID.test(connectionId) ? { connectionId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit: 25,
  };
  const list = useInfiniteQuery(trpc.runs.list.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor }));
  const rows = list.data?.pages.flatMap((page) => page.runs) ?? [];
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams(Object.entries(draft).filter(([, v]) => v));
    navigate(`/runs${params.size ? `?${params}` : ''}`);
  };
  const field = (name: string) => ({
    value: draft[name] ?? '',
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  return (
    <main className="page">
      <h1>Runs</h1>
      <form className="filters" onSubmit={apply}>
        <label>
          Status
          <select {...field('status')}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Connector
          <input {...field('connectorId')} placeholder="e.g. slack" />
        </label>
        <label>
          Action
          <input {...field('action')} placeholder="e.g. sendMessage" />
        </label>
        <label>
          Connection id
          <input {...field('connectionId')} pattern="[0-9a-fA-F-]{36}" />
        </label>
        <label>
          From
          <input type="datetime-local" {...field('from')} />
        </label>
        <label>
          To
          <input type="datetime-local" {...field('to')} />
        </label>
        <button type="submit">Apply filters</button>
      </form>
      {list.isPending ? <Loading what="runs" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {list.isSuccess && rows.length === 0 ? (
        <p className="empty">
          {search.size
            ? 'No run matches these filters.'
            : 'No runs yet. Runs appear when an action is called through the API, REST, MCP or the proxy.'}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Duration</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link href={`/runs/${run.id}`}>
                      {run.connectorId}.{run.action}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>{formatTime(run.createdAt)}</td>
                  <td>{formatDuration(run.durationMs)}</td>
                  <td>{run.error ? errorText(run.error) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
    </main>
  );
}
