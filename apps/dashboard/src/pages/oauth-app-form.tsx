/** @module Setting an organization's own OAuth app for a connector: the client secret is write-only (a password field, never shown back). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { ErrorMessage } from '../ui/query-state.tsx';

type Connector = RouterOutputs['connectors']['list'][number];
type OwnApp = RouterOutputs['oauthApps']['list']['apps'][number];

/** Scopes as typed: separated by spaces or commas; none means the connector's defaults. */
export function parseScopes(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

export function AppForm({ connector, own, onDone }: { connector: Connector; own: OwnApp | undefined; onDone: (saved: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [clientId, setClientId] = useState(own?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [scopes, setScopes] = useState(own?.scopes?.join(' ') ?? '');
  const set = useMutation(
    trpc.oauthApps.set.mutationOptions({
      onSuccess: async () => {
        setClientSecret('');
        await queryClient.invalidateQueries({ queryKey: trpc.oauthApps.list.queryKey() });
        onDone(true);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = parseScopes(scopes);
    set.mutate({ connectorId: connector.id, clientId, clientSecret, ...(list.length ? { scopes: list } : {}) });
  };
  return (
    <form className="stack" onSubmit={submit}>
      <label>
        Client id
        <input value={clientId} onChange={(e) => setClientId(e.target.value)} required maxLength={500} autoComplete="off" />
      </label>
      <label>
        Client secret {own ? <span className="muted">(the stored one is never shown: enter it again)</span> : null}
        <input
          type="password"
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          required
          maxLength={2000}
          autoComplete="new-password"
        />
      </label>
      <label>
        Scopes (optional, separated by spaces)
        <input value={scopes} onChange={(e) => setScopes(e.target.value)} placeholder={connector.scopes.join(' ')} />
      </label>
      <div className="row-actions">
        <button type="submit" disabled={set.isPending}>
          {set.isPending ? 'Saving…' : 'Save app'}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      {set.error ? <ErrorMessage error={set.error} /> : null}
    </form>
  );
}
