/**
 * @module OAuth apps: for each installed OAuth connector, whether the organization uses its own
 * provider app (client id and scopes; the secret is write-only) or the deployment's default, and
 * the redirect URI to register at the provider. Admins set and remove the organization's own app.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatTime } from '../time.ts';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { READ_ONLY_NOTE, useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import '../styles/admin.css';
import { AppForm } from './oauth-app-form.tsx';

type Connector = RouterOutputs['connectors']['list'][number];
type OwnApp = RouterOutputs['oauthApps']['list']['apps'][number];

export function OAuthAppsPage() {
  const trpc = useTRPC();
  const { isAdmin } = useOrgRole();
  const connectors = useQuery(trpc.connectors.list.queryOptions());
  const apps = useQuery(trpc.oauthApps.list.queryOptions());
  const oauth = (connectors.data ?? []).filter((c) => c.authKind === 'oauth2');
  return (
    <main className="page">
      <h1>OAuth apps</h1>
      <p className="muted">
        Connectors that sign in with OAuth use a client registered at the provider. Register your own to show your name on the provider’s
        consent screen; otherwise the deployment’s default app is used, when the operator configured one.
      </p>
      {!isAdmin ? <p className="note">{READ_ONLY_NOTE}</p> : null}
      {apps.data ? (
        <div className="card">
          <h2>Redirect URI</h2>
          <p>Give the provider this exact redirect (callback) URI when you register the app:</p>
          <code className="wrap" data-testid="redirect-uri">
            {apps.data.redirectUri}
          </code>
        </div>
      ) : null}
      {connectors.isPending || apps.isPending ? <Loading what="OAuth connectors" /> : null}
      {connectors.error ? <ErrorMessage error={connectors.error} retry={() => connectors.refetch()} /> : null}
      {apps.error ? <ErrorMessage error={apps.error} retry={() => apps.refetch()} /> : null}
      {connectors.isSuccess && oauth.length === 0 ? (
        <p className="empty">
          No installed connector uses OAuth. An operator adds connectors in <code>patchbay.config.ts</code>.
        </p>
      ) : null}
      {apps.data
        ? oauth.map((connector) => (
            <ConnectorApp
              key={connector.id}
              connector={connector}
              own={apps.data.apps.find((a) => a.connectorId === connector.id)}
              operatorDefault={apps.data.operatorDefaults.some((d) => d.connectorId === connector.id)}
              canEdit={isAdmin}
            />
          ))
        : null}
    </main>
  );
}

function ConnectorApp({
  connector,
  own,
  operatorDefault,
  canEdit,
}: {
  connector: Connector;
  own: OwnApp | undefined;
  operatorDefault: boolean;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.oauthApps.list.queryKey() });
  const remove = useMutation(
    trpc.oauthApps.remove.mutationOptions({
      onSuccess: () => {
        setNotice('App removed.');
        return refresh();
      },
    }),
  );
  const headingId = `oauth-${connector.id}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{connector.name}</h2>
      <dl className="facts">
        <dt>Using</dt>
        <dd>
          {own
            ? 'this organization’s own app'
            : operatorDefault
              ? 'the deployment’s default app'
              : 'no app: connecting fails until one is set here'}
        </dd>
        {own ? (
          <>
            <dt>Client id</dt>
            <dd>
              <code>{own.clientId}</code>
            </dd>
            <dt>Scopes</dt>
            <dd>{own.scopes?.length ? own.scopes.join(' ') : `the connector’s defaults (${connector.scopes.join(' ') || 'none'})`}</dd>
            <dt>Updated</dt>
            <dd>{formatTime(own.updatedAt)}</dd>
          </>
        ) : (
          <>
            <dt>Default scopes</dt>
            <dd>{connector.scopes.join(' ') || 'none'}</dd>
          </>
        )}
      </dl>
      {canEdit && !editing ? (
        <div className="row-actions">
          <button type="button" onClick={() => setEditing(true)}>
            {own ? `Change the app for ${connector.name}` : `Use our own app for ${connector.name}`}
          </button>
          {own ? (
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Remove your ${connector.name} app? New connections use the deployment’s default, if any.`))
                  remove.mutate({ connectorId: connector.id });
              }}
            >
              Remove the app for {connector.name}
            </button>
          ) : null}
        </div>
      ) : null}
      <p role="status" className="muted">
        {editing ? '' : notice}
      </p>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      {editing ? (
        <AppForm
          connector={connector}
          own={own}
          onDone={(didSave) => {
            setNotice(didSave ? 'App saved.' : '');
            setEditing(false);
          }}
        />
      ) : null}
    </section>
  );
}
