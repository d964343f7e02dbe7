/**
 * @module One webhook endpoint: edit its URL and events, rotate its signing secret (shown once),
 * send a test event, delete it; and its recent deliveries, a page at a time, filtered by status.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, navigate } from '../router.tsx';
import { formatDuration, formatTime } from '../time.ts';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { LoadMore } from '../ui/load-more.tsx';
import { useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { SecretOnce } from '../ui/secret-once.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { EventCheckboxes, type WebhookEvent } from '../ui/webhook-events.tsx';
import '../styles/admin.css';

type Endpoint = RouterOutputs['webhooks']['list'][number];

export function WebhookPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const { isAdmin } = useOrgRole();
  // No `webhooks.get`: an organization has a handful of endpoints, and the list is already cached.
  const list = useQuery(trpc.webhooks.list.queryOptions());
  const endpoint = list.data?.find((e) => e.id === id);
  return (
    <main className="page">
      <p>
        <Link href="/webhooks">← All webhooks</Link>
      </p>
      <h1>Webhook endpoint</h1>
      {list.isPending ? <Loading what="the endpoint" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {list.isSuccess && !endpoint ? <p className="empty">This endpoint does not exist (it may have been deleted).</p> : null}
      {endpoint ? (
        <>
          <dl className="facts card">
            <dt>URL</dt>
            <dd>{endpoint.url}</dd>
            <dt>Events</dt>
            <dd>{endpoint.events.join(', ')}</dd>
            <dt>Created</dt>
            <dd>{formatTime(endpoint.createdAt)}</dd>
          </dl>
          {isAdmin ? <EndpointControls key={endpoint.id} endpoint={endpoint} /> : null}
          <Deliveries endpointId={endpoint.id} />
        </>
      ) : null}
    </main>
  );
}

function EndpointControls({ endpoint }: { endpoint: Endpoint }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
  const [url, setUrl] = useState(endpoint.url);
  const [events, setEvents] = useState<WebhookEvent[]>(endpoint.events as WebhookEvent[]);
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ gcTime: 0 }));
  const { reset } = rotate;
  useEffect(() => reset, [reset]);
  const test = useMutation(
    trpc.webhooks.test.mutationOptions({
      onSettled: () => {
        refresh();
        return queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.list.pathKey() });
      },
    }),
  );
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        navigate('/webhooks');
      },
    }),
  );
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: endpoint.id, url, events });
  };
  return (
    <>
      <form className="card stack" onSubmit={save} aria-labelledby="edit-webhook-title">
        <h2 id="edit-webhook-title">Edit</h2>
        <label>
          Endpoint URL
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required maxLength={2000} />
        </label>
        <EventCheckboxes value={events} onChange={setEvents} />
        <div>
          <button type="submit" disabled={update.isPending || events.length === 0}>
            {update.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
        <p role="status" className="muted">
          {update.isSuccess ? 'Saved.' : ''}
        </p>
        {update.error ? <ErrorMessage error={update.error} /> : null}
      </form>
      <section className="card" aria-labelledby="endpoint-actions-title">
        <h2 id="endpoint-actions-title">Test, secret and removal</h2>
        <div className="row-actions">
          <button type="button" onClick={() => test.mutate({ id: endpoint.id })} disabled={test.isPending}>
            {test.isPending ? 'Sending…' : 'Send test event'}
          </button>
          <button
            type="button"
            disabled={rotate.isPending}
            onClick={() => {
              if (window.confirm('Rotate the signing secret? Deliveries are signed with the new one at once: update your receiver.'))
                rotate.mutate({ id: endpoint.id });
            }}
          >
            Rotate signing secret
          </button>
          <button
            type="button"
            className="danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete the endpoint ${endpoint.url}? No more events are sent to it.`)) remove.mutate({ id: endpoint.id });
            }}
          >
            Delete endpoint
          </button>
        </div>
        <p role="status">
          {test.data
            ? test.data.delivered
              ? 'Test event delivered.'
              : `The test event was not delivered: ${test.data.error ?? 'no reason given'}.`
            : ''}
        </p>
        {test.error ? <ErrorMessage error={test.error} /> : null}
        {rotate.error ? <ErrorMessage error={rotate.error} /> : null}
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
      </section>
      {rotate.data ? <SecretOnce title="New signing secret" secret={rotate.data.secret} onDone={() => rotate.reset()} /> : null}
    </>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
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
