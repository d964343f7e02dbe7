/** @module Creating an API key: name, scopes, optional expiry; the secret is shown once, then dropped from memory. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { localInputToIso } from '../time.ts';
import { type RouterInputs, useTRPC } from '../trpc.ts';
import { ErrorMessage } from '../ui/query-state.tsx';
import { SecretOnce } from '../ui/secret-once.tsx';

type Scope = NonNullable<RouterInputs['apiKeys']['create']['scopes']>[number];

/** Every scope the API accepts: a Record, so the compiler flags a scope added on the server and missing here. */
const SCOPES: Record<Scope, string> = {
  admin: 'everything an organization admin can do, except reading credentials',
  'actions:run': 'run actions',
  'runs:read': 'read runs',
  'connections:read': 'read connections',
  'connections:write': 'create, test and delete connections (and read them)',
  'events:read': 'read received trigger events',
  proxy: 'send requests through /proxy with a connection’s credentials',
  'credentials:read': 'read a connection’s access token itself',
};

export function CreateKey() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [expires, setExpires] = useState('');
  // gcTime 0: once this form is gone the mutation, and the secret in its answer, leaves the cache.
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      gcTime: 0,
      onSuccess: () => {
        setName('');
        setScopes([]);
        setExpires('');
        return queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
      },
    }),
  );
  const { reset } = create;
  useEffect(() => reset, [reset]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = localInputToIso(expires);
    create.mutate({ name, scopes, ...(expiresAt ? { expiresAt } : {}) });
  };
  if (create.data)
    return <SecretOnce title={`Your new key “${create.data.prefix}…”`} secret={create.data.key} onDone={() => create.reset()} />;
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create a key</h2>
      <label>
        Key name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} placeholder="backend (production)" />
      </label>
      <fieldset className="checks">
        <legend>Scopes (what the key may do)</legend>
        {(Object.keys(SCOPES) as Scope[]).map((scope) => (
          <label key={scope} className="inline">
            <input
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
            />
            <span>
              <code>{scope}</code> <span className="muted">{SCOPES[scope]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label>
        Expires (optional, your time zone)
        <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </label>
      {scopes.length === 0 ? <p className="muted">Choose at least one scope.</p> : null}
      <div>
        <button type="submit" disabled={create.isPending || scopes.length === 0}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </div>
      {create.error ? <ErrorMessage error={create.error} /> : null}
    </form>
  );
}
