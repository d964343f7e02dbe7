/**
 * @module One connection: its status, last error and latest runs, with test, re-authorize and
 * delete. Connecting and re-authorizing come back here, so the outcome they carry in the URL
 * (connected, an account still to choose, or the failure) shows at the top.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { connectOutcome, failureText } from '../connect-urls.ts';
import { chosenAccount } from '../connection-account.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { formatDuration, formatTime } from '../time.ts';
import { useTRPC } from '../trpc.ts';
import { AccountChoice } from '../ui/account-choice.tsx';
import { ConnectionActions } from '../ui/connection-actions.tsx';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import '../styles/connect.css';

export function ConnectionPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const { search } = useLocation();
  const connection = useQuery(trpc.connections.get.queryOptions({ id }));
  const connectors = useQuery(trpc.connectors.list.queryOptions());
  const [chosenName, setChosenName] = useState('');
  if (connection.isPending) return <Loading what="the connection" />;
  if (connection.error) {
    return (
      <main className="page">
        <h1>Connection</h1>
        <ErrorMessage error={connection.error} retry={() => connection.refetch()} />
        <p>
          <Link href="/connections">Back to connections</Link>
        </p>
      </main>
    );
  }
  const c = connection.data;
  const label = c.name ?? c.providerAccountId ?? c.id;
  const connector = connectors.data?.find((entry) => entry.id === c.connectorId);
  const outcome = connectOutcome(search);
  const account = chosenAccount(c.metadata);
  // No account yet on a connector that acts for one: the choice is still to be made.
  const chooseAccount = (outcome.kind === 'connected' && outcome.chooseAccount) || (connector?.choosesAccount === true && account === null);
  return (
    <main className="page">
      <p>
        <Link href="/connections">← Connections</Link>
      </p>
      <h1>
        {label} <StatusBadge status={c.status} />
      </h1>
      {outcome.kind === 'connected' ? (
        <p className="notice" role="status">
          Connected. {c.status === 'active' ? 'The connection is ready for actions.' : `Its status is ${c.status.replace('_', ' ')}.`}
        </p>
      ) : null}
      {outcome.kind === 'failed' ? (
        <p className="error" role="alert">
          {failureText(outcome.code)}
        </p>
      ) : null}
      {chosenName ? (
        <p className="notice" role="status">
          This connection now acts for {chosenName}.
        </p>
      ) : null}
      {chooseAccount ? (
        <AccountChoice
          connectionId={c.id}
          onChosen={(name) => {
            setChosenName(name);
            // The choice is made: the URL no longer asks for it.
            navigate(`/connections/${c.id}`, { replace: true });
          }}
        />
      ) : null}
      <ConnectionActions connection={c} label={label} onDeleted={() => navigate('/connections', { replace: true })} />
      <dl className="facts">
        <dt>Connector</dt>
        <dd>{connector ? `${connector.name} (${c.connectorId})` : c.connectorId}</dd>
        <dt>Account</dt>
        <dd>{account ? `${account.name} (${account.id})` : (c.providerAccountId ?? '—')}</dd>
        <dt>End user</dt>
        <dd>{c.endUserId ?? '— (the organization’s own)'}</dd>
        <dt>Authorization</dt>
        <dd>
          {c.authKind}
          {c.scopes?.length ? `, scopes ${c.scopes.join(' ')}` : ''}
        </dd>
        <dt>Last error</dt>
        <dd>{c.lastError ? `${c.lastError} (${formatTime(c.lastErrorAt)})` : '—'}</dd>
        <dt>Last run</dt>
        <dd>{c.lastRuns[0] ? `${c.lastRuns[0].action}, ${c.lastRuns[0].status}, ${formatTime(c.lastRuns[0].createdAt)}` : 'none yet'}</dd>
        <dt>Created</dt>
        <dd>{formatTime(c.createdAt)}</dd>
        <dt>Token refreshed</dt>
        <dd>{formatTime(c.refreshedAt)}</dd>
      </dl>
      {c.status === 'needs_reauth' && c.authKind === 'oauth2' ? (
        <p className="notice">The provider no longer accepts this grant. Re-authorize it to run actions again.</p>
      ) : null}
      <h2>Latest runs</h2>
      {c.lastRuns.length === 0 ? (
        <p className="empty">No run on this connection yet. Run an action on it through the API or from “Try an action”.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {c.lastRuns.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link href={`/runs/${run.id}`}>{`${c.connectorId}.${run.action}`}</Link>
                  </td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>{formatTime(run.createdAt)}</td>
                  <td>{formatDuration(run.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link href={`/runs?connectionId=${c.id}`}>All runs of this connection</Link>
        {' · '}
        <Link href={`/try?connection=${c.id}`}>Try an action on it</Link>
      </p>
    </main>
  );
}
