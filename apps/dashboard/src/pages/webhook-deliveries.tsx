/** @module An endpoint's recent deliveries, newest first, a page at a time, filtered by status; each links to its detail. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '../router.tsx';
import { formatDuration, formatTime } from '../time.ts';
import { useTRPC } from '../trpc.ts';
import { LoadMore } from '../ui/load-more.tsx';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';

export function Deliveries({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<'' | 'delivered' | 'failed'>('');
  const input = { endpointId, limit: 25, ...(status ? { status } : {}) };
  const list = useInfiniteQuery(trpc.webhooks.deliveries.list.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor }));
  const rows = list.data?.pages.flatMap((p) => p.deliveries) ?? [];
  return (
    <section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Recent deliveries</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Delivery status
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="">Any status</option>
            <option value="delivered">delivered</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <button type="button" onClick={() => list.refetch()}>
          Refresh
        </button>
      </form>
      {list.isPending ? <Loading what="deliveries" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {list.isSuccess && rows.length === 0 ? (
        <p className="empty">{status ? 'No delivery matches this status.' : 'Nothing sent yet. Send a test event to see one here.'}</p>
      ) : null}
      {rows.length > 0 ? (
        <TableScroll label="Deliveries">
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Response</th>
                <th scope="col">Duration</th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/webhooks/${endpointId}/deliveries/${d.id}`}>{d.eventType}</Link>
                  </td>
                  <td>
                    <StatusBadge status={d.status} />
                    {d.error ? <div className="error">{d.error}</div> : null}
                  </td>
                  <td>{d.attempts}</td>
                  <td>{d.responseStatus ?? '—'}</td>
                  <td>{formatDuration(d.durationMs)}</td>
                  <td>{formatTime(d.lastAttemptAt ?? d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
    </section>
  );
}
