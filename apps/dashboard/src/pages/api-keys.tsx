/**
 * @module API keys: the organization's keys with their scopes, use and expiry; creating one
 * (its secret shown once, then dropped from memory) and revoking one. Members see the list only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../time.ts';
import { type RouterOutputs, useTRPC } from '../trpc.ts';
import { READ_ONLY_NOTE, useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import '../styles/admin.css';
import { CreateKey } from './api-key-create.tsx';

type ApiKey = RouterOutputs['apiKeys']['list'][number];

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
