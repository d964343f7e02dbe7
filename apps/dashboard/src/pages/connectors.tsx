/**
 * @module Connectors: the catalog of what this deployment installs (connectors.list), each with
 * its auth kind, scopes and number of actions and triggers, a page of its own, and a link to
 * connect an account.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import '../styles/catalog.css';

export const AUTH_LABELS: Record<string, string> = {
  oauth2: 'OAuth 2.0',
  apiKey: 'API key',
  basic: 'Username and password',
  none: 'No credentials',
};

export const authLabel = (kind: string) => AUTH_LABELS[kind] ?? kind;

export function ConnectorsPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.connectors.list.queryOptions());
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = (list.data ?? []).filter((c) => !needle || `${c.name} ${c.id} ${c.description}`.toLowerCase().includes(needle));
  return (
    <main className="page">
      <h1>Connectors</h1>
      <p className="muted">What this Patchbay installs. Open one to read its actions with their input and output fields, and try them.</p>
      <search className="filters">
        <label>
          Find a connector
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
      </search>
      {list.isPending ? <Loading what="connectors" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? (
        <div className="empty">
          <h2>No connectors installed</h2>
          <p>
            Add connector packages to <code>patchbay.config.ts</code> and restart the server.
          </p>
        </div>
      ) : null}
      {list.data && list.data.length > 0 && shown.length === 0 ? <p className="empty">No connector matches “{search}”.</p> : null}
      <ul className="catalog">
        {shown.map((c) => (
          <li key={c.id} className="card catalog-card">
            <h2>
              <Link href={`/connectors/${c.id}`}>{c.name}</Link>
            </h2>
            <p className="muted">
              <code>{c.id}</code> · v{c.version} · {authLabel(c.authKind)}
            </p>
            <p>{c.description}</p>
            <p className="muted">
              {c.actions.length} action{c.actions.length === 1 ? '' : 's'}
              {c.triggers.length > 0 ? ` · ${c.triggers.length} trigger${c.triggers.length === 1 ? '' : 's'}` : ''}
              {c.scopes.length > 0 ? ` · ${c.scopes.length} scope${c.scopes.length === 1 ? '' : 's'}` : ''}
            </p>
            <p className="catalog-links">
              <Link href={`/connectors/${c.id}`} aria-label={`${c.name}: actions and details`}>
                Actions and details
              </Link>
              <Link href={`/connections/new?connector=${encodeURIComponent(c.id)}`} aria-label={`Connect ${c.name}`}>
                Connect
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
