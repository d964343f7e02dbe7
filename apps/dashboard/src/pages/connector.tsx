/**
 * @module One connector: how it authenticates (auth kind, scopes, connection parameters), its
 * triggers, and each action with its input and output fields as tables and a "Try" link.
 */
import { useQuery } from '@tanstack/react-query';
import type { JsonSchema } from '../forms/json-schema.ts';
import { Link } from '../router.tsx';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { SchemaTable } from '../ui/schema-table.tsx';
import { authLabel } from './connectors.tsx';
import '../styles/catalog.css';

type Connector = RouterOutputs['connectors']['list'][number];
type Action = Connector['actions'][number];

export function ConnectorPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.connectors.list.queryOptions());
  if (list.isPending) return <Loading what="the connector" />;
  if (list.error) return <ErrorMessage error={list.error} retry={() => list.refetch()} />;
  const connector = list.data.find((c) => c.id === id);
  if (!connector)
    return (
      <main className="page">
        <h1>Connector not found</h1>
        <p>
          No connector <code>{id}</code> is installed. <Link href="/connectors">See the installed connectors</Link>.
        </p>
      </main>
    );
  return (
    <main className="page">
      <p>
        <Link href="/connectors">← Connectors</Link>
      </p>
      <h1>{connector.name}</h1>
      <p>{connector.description}</p>
      <p>
        <Link className="button-link" href={`/connections/new?connector=${encodeURIComponent(connector.id)}`}>
          Connect {connector.name}
        </Link>
      </p>
      <section className="card" aria-labelledby="auth-heading">
        <h2 id="auth-heading">Authentication</h2>
        <dl className="facts">
          <dt>Id</dt>
          <dd>
            <code>{connector.id}</code> v{connector.version}
          </dd>
          <dt>Auth</dt>
          <dd>{authLabel(connector.authKind)}</dd>
          <dt>Scopes</dt>
          <dd>{connector.scopes.length > 0 ? connector.scopes.map((s) => <code key={s}>{s} </code>) : 'None asked for'}</dd>
          <dt>Hosts</dt>
          <dd>{connector.baseUrls.join(', ') || '—'}</dd>
          <dt>Account choice</dt>
          <dd>{connector.choosesAccount ? 'An account is chosen after connecting' : 'No'}</dd>
        </dl>
        {connector.paramsSchema ? (
          <SchemaTable schema={connector.paramsSchema as JsonSchema} caption="Connection parameters (asked for when connecting)" />
        ) : (
          <p className="muted">No connection parameters.</p>
        )}
      </section>
      {connector.triggers.length > 0 ? (
        <section aria-labelledby="triggers-heading">
          <h2 id="triggers-heading">Triggers</h2>
          {connector.triggers.map((t) => (
            <article key={t.name} className="card">
              <h3>
                <code>{t.name}</code> <span className="muted">({t.kind})</span>
              </h3>
              <p>{t.description}</p>
              {t.configSchema ? <SchemaTable schema={t.configSchema as JsonSchema} caption={`${t.name}: configuration`} /> : null}
              <details>
                <summary>Event fields</summary>
                <SchemaTable schema={t.eventSchema as JsonSchema} caption={`${t.name}: event`} />
              </details>
            </article>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Actions</h2>
        <nav aria-label="Actions of this connector" className="action-index">
          {connector.actions.map((a) => (
            <a key={a.name} href={`#action-${a.name}`}>
              {a.name}
            </a>
          ))}
        </nav>
        {connector.actions.map((a) => (
          <ActionCard key={a.name} connectorId={connector.id} action={a} />
        ))}
      </section>
    </main>
  );
}

function ActionCard({ connectorId, action }: { connectorId: string; action: Action }) {
  const flags = [
    action.readOnly ? 'read-only' : '',
    action.destructive ? 'destructive' : '',
    action.idempotent || action.idempotencyHeader ? 'safe to retry' : '',
  ].filter(Boolean);
  return (
    <article id={`action-${action.name}`} className="card action-card" aria-labelledby={`action-${action.name}-title`}>
      <h3 id={`action-${action.name}-title`}>
        <code>{action.name}</code>
      </h3>
      <p>{action.description}</p>
      <p className="muted">
        {flags.join(' · ')}
        {action.scopes.length > 0 ? `${flags.length > 0 ? ' · ' : ''}scopes ${action.scopes.join(', ')}` : ''}
      </p>
      <p>
        <Link href={`/try?connector=${encodeURIComponent(connectorId)}&action=${encodeURIComponent(action.name)}`}>Try {action.name}</Link>
      </p>
      <SchemaTable schema={action.inputSchema as JsonSchema} caption={`${action.name}: input`} />
      <details>
        <summary>Output fields of {action.name}</summary>
        <SchemaTable schema={action.outputSchema as JsonSchema} caption={`${action.name}: output`} />
      </details>
    </article>
  );
}
