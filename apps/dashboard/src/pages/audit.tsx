/**
 * @module The audit log: who did what in the organization, newest first, a page at a time,
 * filtered by actor, action (exact or a `prefix.`), target and time. Owners and admins only.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatTime, localInputToIso } from '../time.ts';
import { type RouterInputs, useTRPC } from '../trpc.ts';
import { LoadMore } from '../ui/load-more.tsx';
import { useOrgRole } from '../ui/org-role.ts';
import { ErrorMessage, Loading } from '../ui/query-state.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import '../styles/admin.css';

// The input is optional (tRPC types it `void | {...} | undefined`); the filters are the object branch.
type Filters = Extract<RouterInputs['audit']['list'], object>;
type ActorType = NonNullable<Filters['actorType']>;
const ACTOR_TYPES: readonly ActorType[] = ['user', 'api_key', 'system'];

interface Draft {
  actorType: ActorType | '';
  actorId: string;
  action: string;
  target: string;
  from: string;
  to: string;
}
const EMPTY: Draft = { actorType: '', actorId: '', action: '', target: '', from: '', to: '' };

/** The form's fields as `audit.list` input: blanks left out, local times as instants. */
export function auditFilters(draft: Draft): Omit<Filters, 'cursor' | 'limit'> {
  const from = localInputToIso(draft.from);
  const to = localInputToIso(draft.to);
  return {
    ...(draft.actorType ? { actorType: draft.actorType } : {}),
    ...(draft.actorId.trim() ? { actorId: draft.actorId.trim() } : {}),
    ...(draft.action.trim() ? { action: draft.action.trim() } : {}),
    ...(draft.target.trim() ? { target: draft.target.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

export function AuditPage() {
  const { isAdmin, role } = useOrgRole();
  return (
    <main className="page">
      <h1>Audit log</h1>
      {isAdmin ? (
        <AuditLog />
      ) : role ? (
        <p className="note">Only owners and admins can read the audit log: it names URLs, emails and scopes.</p>
      ) : null}
    </main>
  );
}

function AuditLog() {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<Draft>(EMPTY);
  const filters = auditFilters(applied);
  const list = useInfiniteQuery(trpc.audit.list.infiniteQueryOptions({ ...filters, limit: 50 }, { getNextPageParam: (p) => p.nextCursor }));
  const rows = list.data?.pages.flatMap((p) => p.entries) ?? [];
  const field = (name: keyof Draft) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };
  return (
    <>
      <form className="filters" onSubmit={apply} aria-label="Audit filters">
        <label>
          Actor type
          <select {...field('actorType')}>
            <option value="">Anyone</option>
            {ACTOR_TYPES.map((t) => (
              <option key={t} value={t}>
                {t.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor id
          <input {...field('actorId')} maxLength={200} />
        </label>
        <label>
          Action (exact, or a prefix ending in “.”)
          <input {...field('action')} maxLength={100} placeholder="api_key." />
        </label>
        <label>
          Target id
          <input {...field('target')} maxLength={200} />
        </label>
        <label>
          From
          <input type="datetime-local" {...field('from')} />
        </label>
        <label>
          To
          <input type="datetime-local" {...field('to')} />
        </label>
        <button type="submit">Apply filters</button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY);
            setApplied(EMPTY);
          }}
        >
          Clear
        </button>
      </form>
      {list.isPending ? <Loading what="the audit log" /> : null}
      {list.error ? <ErrorMessage error={list.error} retry={() => list.refetch()} /> : null}
      {list.isSuccess && rows.length === 0 ? (
        <p className="empty">{Object.keys(filters).length ? 'No entry matches these filters.' : 'Nothing recorded yet.'}</p>
      ) : null}
      {rows.length > 0 ? (
        <TableScroll label="Audit entries">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatTime(entry.createdAt)}</td>
                  <td>
                    {entry.actorType.replace('_', ' ')} <code className="wrap">{entry.actorId ?? ''}</code>
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td className="wrap">{entry.target ?? '—'}</td>
                  <td className="wrap">{entry.details ? <code>{JSON.stringify(entry.details)}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onMore={() => list.fetchNextPage()} />
    </>
  );
}
