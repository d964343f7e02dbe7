/**
 * @module Connect an account from the dashboard. One connect UI for end users and admins: the
 * page makes a connect link (`connectSessions.create`) that comes back here, and sends the
 * browser to the server's connect page, which asks for the credentials or connection parameters
 * the connector's own schemas describe, or starts OAuth, and offers the account choice after
 * `discover`. Back here, the outcome sends the browser on to the new connection's page.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { type ConnectOutcome, connectOutcome, connectReturnTo, failureText } from '../connect-urls.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { useManagesConnections } from '../use-role.ts';
import '../styles/connect.css';

type Connector = RouterOutputs['connectors']['list'][number];

const NEXT_STEP: Record<string, string> = {
  oauth2: 'you sign in at the provider and allow access',
  apiKey: 'you paste the API key',
  basic: 'you enter the username and password',
};

export function ConnectPage() {
  const trpc = useTRPC();
  const { search } = useLocation();
  const outcome = connectOutcome(search);
  const target = connectionPath(outcome);
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);
  const connectors = useQuery(trpc.connectors.list.queryOptions());
  const [picked, setPicked] = useState(search.get('connector') ?? '');
  const [endUserId, setEndUserId] = useState('');
  const link = useMutation(trpc.connectSessions.create.mutationOptions({ onSuccess: ({ url }) => window.location.assign(url) }));
  const manages = useManagesConnections();
  const connector = connectors.data?.find((c) => c.id === picked);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!connector) return;
    const endUser = endUserId.trim();
    link.mutate({
      connectorId: connector.id,
      returnTo: connectReturnTo(window.location.origin, connector.id),
      ...(endUser ? { endUserId: endUser } : {}),
    });
  };
  if (target) return <Loading what="the new connection" />;
  return (
    <main className="page">
      <p>
        <Link href="/connections">← Connections</Link>
      </p>
      <h1>Connect an account</h1>
      {outcome.kind === 'failed' ? (
        <p className="error" role="alert">
          {failureText(outcome.code)}
        </p>
      ) : null}
      {connectors.isPending ? <Loading what="the connectors" /> : null}
      {connectors.error ? <ErrorMessage error={connectors.error} retry={() => connectors.refetch()} /> : null}
      {connectors.data?.length === 0 ? (
        <p className="empty">
          No connector is installed. An operator adds connector packages in <code>patchbay.config.ts</code> and restarts the server.
        </p>
      ) : null}
      {connectors.data?.length ? (
        <form onSubmit={submit} className="stack">
          <fieldset className="connector-choice">
            <legend>Connector</legend>
            {connectors.data.map((c) => (
              <label key={c.id}>
                <input type="radio" name="connector" value={c.id} checked={picked === c.id} onChange={() => setPicked(c.id)} />
                <span>
                  <strong>{c.name}</strong>
                  <br />
                  <span className="muted">{c.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <label>
            End user (optional: the id of your own user this account belongs to)
            <input value={endUserId} maxLength={200} onChange={(e) => setEndUserId(e.target.value)} />
          </label>
          {connector ? <NextStep connector={connector} /> : <p className="muted">Choose a connector to continue.</p>}
          {manages ? null : <p className="notice">Only owners and admins of this organization connect accounts. Ask one of them.</p>}
          <button type="submit" disabled={!connector || !manages || link.isPending}>
            {link.isPending ? 'Opening…' : connector ? `Continue to connect ${connector.name}` : 'Continue'}
          </button>
          {link.error ? <ErrorMessage error={link.error} /> : null}
        </form>
      ) : null}
    </main>
  );
}

/** The new connection's page, carrying the outcome (and a pending account choice) along. */
function connectionPath(outcome: ConnectOutcome): string | undefined {
  if (outcome.kind !== 'connected') return undefined;
  const query = new URLSearchParams({ connection_id: outcome.connectionId, status: 'connected' });
  if (outcome.chooseAccount) query.set('account', 'choose');
  return `/connections/${outcome.connectionId}?${query}`;
}

function NextStep({ connector }: { connector: Connector }) {
  const trpc = useTRPC();
  const apps = useQuery({ ...trpc.oauthApps.list.queryOptions(), enabled: connector.authKind === 'oauth2' });
  const missingApp =
    connector.authKind === 'oauth2' &&
    apps.data !== undefined &&
    ![...apps.data.apps, ...apps.data.operatorDefaults].some((app) => app.connectorId === connector.id);
  return (
    <div>
      <p>
        Next, on Patchbay’s connect page, {NEXT_STEP[connector.authKind] ?? 'you enter what the connector needs'}
        {connector.paramsSchema ? ', with the connection’s settings' : ''}; then you come back to the new connection here.
      </p>
      {missingApp ? (
        <p className="notice">
          This organization has no OAuth app for {connector.name} yet: set its client id and secret (<code>oauthApps.set</code>) first, or
          the provider step cannot start.
        </p>
      ) : null}
    </div>
  );
}
