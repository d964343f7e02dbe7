/**
 * @module Try an action: choose a connector, one of its connections and an action, fill a form
 * generated from the action's input schema, and run it through the real procedure
 * `actions.<connectorId>.<actionName>`. The output (or the error with its code and reason) shows
 * with a link to the run record. `/try?connection=<id>&action=<name>` (or `?connector=`) comes prefilled.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, navigate, useLocation } from '../router.tsx';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { TryActionForm } from './try-action-form.tsx';
import '../styles/catalog.css';

type Connector = RouterOutputs['connectors']['list'][number];

export function TryPage() {
  const trpc = useTRPC();
  const { search } = useLocation();
  const connectionId = search.get('connection') ?? '';
  const actionName = search.get('action') ?? '';
  const connectors = useQuery(trpc.connectors.list.queryOptions());
  // A prefilled connection names its connector.
  const prefilled = useQuery(trpc.connections.get.queryOptions({ id: connectionId }, { enabled: /^[0-9a-f-]{36}$/i.test(connectionId) }));
  const connectorId = search.get('connector') || prefilled.data?.connectorId || '';
  const connections = useQuery(trpc.connections.list.queryOptions({ connectorId, limit: 200 }, { enabled: connectorId !== '' }));
  // The URL holds the choice, so a reload or a shared link shows the same form.
  const choose = (next: { connector?: string; connection?: string; action?: string }) => {
    const params = new URLSearchParams();
    const merged = { connector: connectorId, connection: connectionId, action: actionName, ...next };
    for (const [key, value] of Object.entries(merged)) if (value) params.set(key, value);
    navigate(`/try?${params}`, { replace: true });
  };
  if (connectors.isPending) return <Loading what="connectors" />;
  if (connectors.error) return <ErrorMessage error={connectors.error} retry={() => connectors.refetch()} />;
  const connector: Connector | undefined = connectors.data.find((c) => c.id === connectorId);
  const action = connector?.actions.find((a) => a.name === actionName);
  const rows = connections.data?.connections ?? [];
  return (
    <main className="page try-page">
      <h1>Try an action</h1>
      <p className="muted">Runs for real, on the chosen connection: the provider sees the call and a run record is kept.</p>
      <form className="filters try-choice" onSubmit={(e) => e.preventDefault()} aria-label="Choose an action">
        <label>
          Connector
          <select value={connectorId} onChange={(e) => choose({ connector: e.target.value, connection: '', action: '' })}>
            <option value="">Choose a connector…</option>
            {connectors.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Connection
          <select value={connectionId} onChange={(e) => choose({ connection: e.target.value })} disabled={!connector}>
            <option value="">{connections.isFetching ? 'Loading…' : 'Choose a connection…'}</option>
            {rows.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name ?? c.providerAccountId ?? c.id} ({c.status.replace('_', ' ')})
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select value={actionName} onChange={(e) => choose({ action: e.target.value })} disabled={!connector}>
            <option value="">Choose an action…</option>
            {(connector?.actions ?? []).map((a) => (
              <option key={a.name} value={a.name}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {connections.error ? <ErrorMessage error={connections.error} retry={() => connections.refetch()} /> : null}
      {connector && connections.isSuccess && rows.length === 0 ? (
        <p className="empty">
          No {connector.name} connection yet.{' '}
          <Link href={`/connections/new?connector=${encodeURIComponent(connector.id)}`}>Connect {connector.name}</Link> first, then come
          back.
        </p>
      ) : null}
      {!connector ? <p className="muted">Choose a connector to see its connections and actions.</p> : null}
      {connector && !action ? (
        <p className="muted">
          Choose an action. <Link href={`/connectors/${connector.id}`}>Read {connector.name}'s actions</Link>.
        </p>
      ) : null}
      {connector && action ? (
        <TryActionForm key={`${connector.id}.${action.name}`} connectorId={connector.id} action={action} connectionId={connectionId} />
      ) : null}
    </main>
  );
}
