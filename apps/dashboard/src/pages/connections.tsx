/**
 * @module Connections: the tenant's connected accounts with their status and last error,
 * filtered by connector, status and end user, a page at a time (the server's cursor), with test,
 * re-authorize and delete, and a way to connect another.
 */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '../router.tsx';
import { formatTime } from '../time.ts';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { ConnectionActions } from '../ui/connection-actions.tsx';
import { useManagesConnections } from '../use-role.ts';
import '../styles/connect.css';
import { LoadMore } from '../ui/load-more.tsx';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';

type Connection = RouterOutputs['connections']['list']['connections'][number];
const STATUSES = ['active', 'needs_reauth', 'revoked', 'error'] as const;
type Status = (typeof STATUSES)[number];

export function ConnectionsPage() {
  const trpc = useTRPC();
  const [connectorId, setConnectorId] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [endUserId, setEndUserId] = useState('');
  const connectors = useQuery(trpc.connectors.list.queryOptions());
  const endUser = endUserId.trim();
  const filters = {
    ...(connectorId ? { connectorId } : {}),
    ...(status ? { status } : {}),
    ...(endUser ? { endUserId: endUser } : {}),
    limit: 25,
  };
  const list = useInfiniteQuery(trpc.connections.list.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.nextCursor }));
  const rows = list.data?.pages.flatMap((page) => page.connections) ?? [];
  const filtered = Boolean(connectorId || status || endUser);
  const manages = useManagesConnections();
  return (
    <main className="page">
      <div className="page-head">
        <h1>Connections</h1>
        {manages ? (
          <Link className="button-link primary" href="/connections/new">
            Connect an account
          </Link>
        ) : null}
      </div>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Connector
          <select value={connectorId} onChange={(e) => setConnectorId(e.target.value)}>
            <option value="">All connectors</option>
            {(connectors.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          End user
          <input
            type="search"
            value={endUserId}
            placeholder="Your end user's id"
            maxLength={200}
            onChange={(e) => setEndUserId(e.target.value)}
          />
        </label>
      </form>
      {list.isPending ? <Loading what="connections" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {list.isSuccess && rows.length === 0 ? <EmptyState filtered={filtered} /> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Connection</th>
                <th scope="col">Connector</th>
                <th scope="col">Status</th>
                <th scope="col">Last error</th>
                <th scope="col">Last run</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((connection) => (
                <ConnectionRow key={connection.id} connection={connection} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
    </main>
  );
}

function ConnectionRow({ connection }: { connection: Connection }) {
  const label = connection.name ?? connection.providerAccountId ?? connection.id;
  return (
    <tr>
      <td>
        <Link href={`/connections/${connection.id}`}>{label}</Link>
        {connection.endUserId ? <div className="muted">end user {connection.endUserId}</div> : null}
      </td>
      <td>{connection.connectorId}</td>
      <td>
        <StatusBadge status={connection.status} />
      </td>
      <td>{connection.lastError ? <span title={formatTime(connection.lastErrorAt)}>{connection.lastError}</span> : '—'}</td>
      <td>
        {connection.lastRun ? (
          <Link href={`/runs/${connection.lastRun.id}`}>
            {connection.lastRun.action} <StatusBadge status={connection.lastRun.status} /> {formatTime(connection.lastRun.createdAt)}
          </Link>
        ) : (
          '—'
        )}
      </td>
      <td>{formatTime(connection.createdAt)}</td>
      <td>
        <ConnectionActions connection={connection} label={label} />
      </td>
    </tr>
  );
}

function EmptyState({ filtered }: { filtered: boolean }) {
  if (filtered) return <p className="empty">No connection matches these filters.</p>;
  return (
    <div className="empty">
      <h2>No connections yet</h2>
      <p>
        A connection is one account at a provider that your actions run on. <Link href="/connections/new">Connect an account</Link> from
        here, or from your own app: send your user a connect link (<code>connectSessions.create</code>) or create one with an API key
        through the API (<code>connections.create</code>).
      </p>
    </div>
  );
}
