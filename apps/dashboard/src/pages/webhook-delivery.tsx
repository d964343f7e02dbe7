/** @module One webhook delivery: its outcome, attempts and the event exactly as sent; an admin sends it again. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '../router.tsx';
import { formatDuration, formatTime } from '../time.ts';
import { useTRPC } from '../trpc.ts';
import { JsonBlock } from '../ui/json-block.tsx';
import { useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import '../styles/admin.css';

export function WebhookDeliveryPage({ endpointId, id }: { endpointId: string; id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { isAdmin } = useOrgRole();
  const delivery = useQuery(trpc.webhooks.deliveries.get.queryOptions({ id }));
  const redeliver = useMutation(
    trpc.webhooks.deliveries.redeliver.mutationOptions({
      // Queued, not sent yet: the worker delivers it shortly, and the attempts count moves then.
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() }),
    }),
  );
  return (
    <main className="page">
      <p>
        <Link href={`/webhooks/${endpointId}`}>← The endpoint’s deliveries</Link>
      </p>
      <h1>Webhook delivery</h1>
      {delivery.isPending ? <Loading what="the delivery" /> : null}
      {delivery.error ? <ErrorMessage error={delivery.error} retry={() => delivery.refetch()} /> : null}
      {delivery.data ? (
        <>
          <dl className="facts card">
            <dt>Event</dt>
            <dd>
              {delivery.data.eventType} <code>{delivery.data.eventId}</code>
            </dd>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={delivery.data.status} />
              {delivery.data.error ? <span className="error"> {delivery.data.error}</span> : null}
            </dd>
            <dt>Attempts</dt>
            <dd data-testid="delivery-attempts">{delivery.data.attempts}</dd>
            <dt>Response code</dt>
            <dd>{delivery.data.responseStatus ?? '—'}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(delivery.data.durationMs)}</dd>
            <dt>First sent</dt>
            <dd>{formatTime(delivery.data.createdAt)}</dd>
            <dt>Last attempt</dt>
            <dd>{formatTime(delivery.data.lastAttemptAt)}</dd>
          </dl>
          {isAdmin ? (
            <div className="row-actions">
              <button type="button" onClick={() => redeliver.mutate({ id })} disabled={redeliver.isPending}>
                {redeliver.isPending ? 'Queueing…' : 'Redeliver'}
              </button>
              <button type="button" onClick={() => delivery.refetch()}>
                Refresh
              </button>
              <span role="status">{redeliver.isSuccess ? 'Queued: the same event (same id) is sent again shortly.' : ''}</span>
            </div>
          ) : null}
          {redeliver.error ? <ErrorMessage error={redeliver.error} /> : null}
          <JsonBlock label="Event as sent" value={delivery.data.event} />
        </>
      ) : null}
    </main>
  );
}
