/**
 * @module Webhooks: the organization's outbound endpoints with their last delivery, and adding
 * one (its signing secret shown once). Each endpoint's own page edits, tests and lists deliveries.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from '../router.tsx';
import { formatTime } from '../time.ts';
import { useTRPC } from '../trpc.ts';
import { READ_ONLY_NOTE, useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { SecretOnce } from '../ui/secret-once.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { EventCheckboxes, type WebhookEvent } from '../ui/webhook-events.tsx';
import '../styles/admin.css';

export function WebhooksPage() {
  const trpc = useTRPC();
  const { isAdmin } = useOrgRole();
  const list = useQuery(trpc.webhooks.list.queryOptions());
  return (
    <main className="page">
      <h1>Webhooks</h1>
      <p className="muted">
        Patchbay posts signed events to these URLs. Verify each with the endpoint’s signing secret: the <code>patchbay-signature</code>{' '}
        header is <code>t=&lt;unix&gt;,v1=&lt;HMAC-SHA256 of “t.body”&gt;</code>.
      </p>
      {isAdmin ? <CreateEndpoint /> : <p className="note">{READ_ONLY_NOTE}</p>}
      <h2>Endpoints</h2>
      {list.isPending ? <Loading what="webhook endpoints" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {list.data?.length === 0 ? (
        <p className="empty">No endpoints yet. {isAdmin ? 'Add your server’s URL above to receive events.' : 'Ask an admin to add one.'}</p>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <TableScroll label="Webhook endpoints">
          <table>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Last delivery</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((endpoint) => (
                <tr key={endpoint.id}>
                  <td className="wrap">
                    <Link href={`/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
                  </td>
                  <td>{endpoint.events.join(', ')}</td>
                  <td>
                    {endpoint.lastDeliveryAt ? (
                      <>
                        <StatusBadge status={endpoint.lastDeliveryError ? 'failed' : 'delivered'} />
                        {endpoint.lastDeliveryStatus ? ` HTTP ${endpoint.lastDeliveryStatus}` : ''} {formatTime(endpoint.lastDeliveryAt)}
                        {endpoint.lastDeliveryError ? <div className="error">{endpoint.lastDeliveryError}</div> : null}
                      </>
                    ) : (
                      'none yet'
                    )}
                  </td>
                  <td>{formatTime(endpoint.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </main>
  );
}

function CreateEndpoint() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['run.completed', 'run.failed']);
  // gcTime 0 and a reset on leaving: the signing secret in the answer is not kept anywhere.
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      gcTime: 0,
      onSuccess: () => {
        setUrl('');
        return queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      },
    }),
  );
  const { reset } = create;
  useEffect(() => reset, [reset]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ url, events });
  };
  if (create.data)
    return <SecretOnce title={`Signing secret for ${create.data.url}`} secret={create.data.secret} onDone={() => create.reset()} />;
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="create-webhook-title">
      <h2 id="create-webhook-title">Add an endpoint</h2>
      <label>
        Endpoint URL
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required maxLength={2000} placeholder="https://" />
      </label>
      <EventCheckboxes value={events} onChange={setEvents} />
      {events.length === 0 ? <p className="muted">Choose at least one event.</p> : null}
      <div>
        <button type="submit" disabled={create.isPending || events.length === 0}>
          {create.isPending ? 'Adding…' : 'Add endpoint'}
        </button>
      </div>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}
