/**
 * @module API keys: the organization's keys with their scopes, use and expiry; creating one
 * (its secret shown once, then dropped from memory) and revoking one. Members see the list only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { formatTime, localInputToIso } from '../time.ts';
import { type RouterInputs, type RouterOutputs, useTRPC } from '../trpc.ts';
import { READ_ONLY_NOTE, useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { SecretOnce } from '../ui/secret-once.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import '../styles/admin.css';

type Scope = NonNullable<RouterInputs['apiKeys']['create']['scopes']>[number];
type ApiKey = RouterOutputs['apiKeys']['list'][number];

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

/** Times arrive as ISO strings on the wire (the router's types say Date), so both are taken. */
type When = string | Date | null;

export function keyStatus(key: { revokedAt: When; expiresAt: When }, now = Date.now()): 'revoked' | 'expired' | 'active' {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

export function ApiKeysPage() {
  const trpc = useTRPC();
  const { isAdmin } = useOrgRole();
  const list = useQuery(trpc.apiKeys.list.queryOptions());
  return (
    <main className="page">
      <h1>API keys</h1>
      <p className="muted">
        A key calls the API as this organization: send it as <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      {isAdmin ? <CreateKey /> : <p className="note">{READ_ONLY_NOTE}</p>}
      <h2>Keys</h2>
      {list.isPending ? <Loading what="API keys" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {isAdmin && list.data?.some((k) => k.creatorRemoved && keyStatus(k) === 'active') ? <RevokeOrphaned /> : null}
      {list.data?.length === 0 ? (
        <p className="empty">No API keys yet. {isAdmin ? 'Create one above for your backend.' : 'Ask an admin to create one.'}</p>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <TableScroll label="API keys">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                {isAdmin ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.map((key) => (
                <KeyRow key={key.id} apiKey={key} canRevoke={isAdmin} />
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </main>
  );
}

function KeyRow({ apiKey, canRevoke }: { apiKey: ApiKey; canRevoke: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }) }),
  );
  const status = keyStatus(apiKey);
  return (
    <tr>
      <td>
        {apiKey.name}
        {apiKey.creatorRemoved ? <div className="muted">made by someone no longer a member</div> : null}
      </td>
      <td>
        <code>{apiKey.prefix}</code>
      </td>
      <td>{apiKey.scopes.join(', ')}</td>
      <td>{formatTime(apiKey.createdAt)}</td>
      <td>{apiKey.lastUsedAt ? formatTime(apiKey.lastUsedAt) : 'never'}</td>
      <td>{apiKey.expiresAt ? formatTime(apiKey.expiresAt) : 'never'}</td>
      <td>
        <StatusBadge status={status} />
      </td>
      {canRevoke ? (
        <td className="row-actions">
          {status === 'revoked' ? null : (
            <button
              type="button"
              className="danger"
              aria-label={`Revoke ${apiKey.name}`}
              disabled={revoke.isPending}
              onClick={() => {
                if (window.confirm(`Revoke the key ${apiKey.name}? Every call made with it is refused from now on.`))
                  revoke.mutate({ id: apiKey.id });
              }}
            >
              Revoke
            </button>
          )}
          {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
        </td>
      ) : null}
    </tr>
  );
}

/** Keys outlive the member who made them; an admin ends them all at once when someone leaves. */
function RevokeOrphaned() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKeys.revokeOrphaned.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }),
    }),
  );
  return (
    <div className="note row-actions">
      <span>Some live keys were made by people who are no longer members.</span>
      <button
        type="button"
        className="danger"
        disabled={revoke.isPending}
        onClick={() => {
          if (window.confirm('Revoke every live key made by someone who is no longer a member?')) revoke.mutate();
        }}
      >
        Revoke keys of former members
      </button>
      {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
    </div>
  );
}

function CreateKey() {
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
