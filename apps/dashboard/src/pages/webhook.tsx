/**
 * @module One webhook endpoint: edit its URL and events, rotate its signing secret (shown once),
 * send a test event, delete it; and its recent deliveries, a page at a time, filtered by status.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, navigate } from '../router.tsx';
import { formatTime } from '../time.ts';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { SecretOnce } from '../ui/secret-once.tsx';
import { EventCheckboxes, isWebhookEvent, type WebhookEvent } from '../ui/webhook-events.tsx';
import '../styles/admin.css';
import { Deliveries } from './webhook-deliveries.tsx';

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
  const [events, setEvents] = useState<WebhookEvent[]>(() => endpoint.events.filter(isWebhookEvent));
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
