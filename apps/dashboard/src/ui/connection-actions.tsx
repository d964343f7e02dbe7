/**
 * @module What can be done to a connection, the same on its row and on its page: test it now,
 * re-authorize it (OAuth: the provider's consent again, for the same connection), delete it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { reauthorizeUrl } from '../connect-urls.ts';
import { currentOrg, type RouterOutputs, useTRPC } from '../trpc.ts';
import { useManagesConnections } from '../use-role.ts';
import { ErrorMessage } from './query-state.tsx';
import '../styles/connect.css';

type Connection = Pick<RouterOutputs['connections']['list']['connections'][number], 'id' | 'connectorId' | 'authKind'>;

export function ConnectionActions({ connection, label, onDeleted }: { connection: Connection; label: string; onDeleted?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The list, the connection's own page and Overview's attention list all show its status.
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.connections.pathKey() });
  const test = useMutation(trpc.connections.test.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(
    trpc.connections.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onDeleted?.();
      },
    }),
  );
  const manages = useManagesConnections();
  const outcome = test.data;
  return (
    <div className="row-actions">
      <button type="button" onClick={() => test.mutate({ id: connection.id })} disabled={test.isPending} aria-label={`Test ${label}`}>
        {test.isPending ? 'Testing…' : 'Test'}
      </button>
      {manages && connection.authKind === 'oauth2' ? (
        // A full navigation, not a fetch: the flow goes through the provider's own pages.
        <a
          className="button-link"
          aria-label={`Re-authorize ${label}`}
          href={reauthorizeUrl({
            connectorId: connection.connectorId,
            connectionId: connection.id,
            org: currentOrg() ?? '',
            origin: window.location.origin,
          })}
        >
          Re-authorize
        </a>
      ) : null}
      {manages ? (
        <button
          type="button"
          className="danger"
          aria-label={`Delete ${label}`}
          disabled={remove.isPending}
          onClick={() => {
            if (
              window.confirm(
                `Delete the connection ${label}? Its credentials are erased and the grant is revoked where the provider allows it.`,
              )
            )
              remove.mutate({ id: connection.id });
          }}
        >
          {remove.isPending ? 'Deleting…' : 'Delete'}
        </button>
      ) : null}
      <span role="status" className="muted">
        {outcome ? (outcome.ok ? 'Test passed' : `Test failed: ${outcome.error?.message ?? outcome.status}`) : ''}
        {remove.isSuccess ? 'Deleted' : ''}
      </span>
      {test.error ? <ErrorMessage error={test.error} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
    </div>
  );
}
