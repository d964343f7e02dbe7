/**
 * @module The account a connection acts for, when its grant reaches several (a Facebook user's
 * Pages): the accounts `discover` finds now, one chosen and stored with `connections.setAccount`.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '../trpc.ts';
import { ErrorMessage, Loading } from './query-state.tsx';

export function AccountChoice({ connectionId, onChosen }: { connectionId: string; onChosen: (name: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accounts = useQuery(trpc.connections.discover.queryOptions({ id: connectionId }));
  const [chosen, setChosen] = useState('');
  const choose = useMutation(
    trpc.connections.setAccount.mutationOptions({
      onSuccess: async (account) => {
        await queryClient.invalidateQueries({ queryKey: trpc.connections.pathKey() });
        onChosen(account.name);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) choose.mutate({ id: connectionId, accountId: chosen });
  };
  return (
    <section aria-labelledby="account-choice" className="card">
      <h2 id="account-choice">Choose the account</h2>
      <p>This grant reaches more than one account. Choose the one this connection acts for.</p>
      {accounts.isPending ? <Loading what="the accounts" /> : null}
      {accounts.error ? <ErrorMessage error={accounts.error} retry={() => accounts.refetch()} /> : null}
      {accounts.data?.length === 0 ? (
        <p>The grant gives access to no account this connector can use. Re-authorize with another login.</p>
      ) : null}
      {accounts.data?.length ? (
        <form onSubmit={submit} className="stack">
          <fieldset className="account-list">
            <legend>Accounts</legend>
            {accounts.data.map((account) => (
              <label key={account.id}>
                <input
                  type="radio"
                  name="account"
                  value={account.id}
                  checked={chosen === account.id}
                  onChange={() => setChosen(account.id)}
                />
                {account.name} <span className="muted">({account.id})</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={!chosen || choose.isPending}>
            {choose.isPending ? 'Saving…' : 'Use this account'}
          </button>
          {choose.error ? <ErrorMessage error={choose.error} /> : null}
        </form>
      ) : null}
    </section>
  );
}
