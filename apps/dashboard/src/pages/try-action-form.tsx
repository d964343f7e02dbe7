/**
 * @module The form and result of one action on the Try page: checked before sending, messages
 * beside the fields (the server's INVALID_INPUT lands on the field it names), then the output or
 * the failure with its code and reason, and the run record to open.
 */
import type { ApiErrorDataWithDetails } from '@patchbay/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { callAction } from '../action-call.ts';
import { initialValue } from '../forms/json-schema.ts';
import { SchemaForm } from '../forms/schema-form.tsx';
import { issuesByField, pathKey, validate } from '../forms/validate.ts';
import { Link } from '../router.tsx';
import { type RouterOutputs, useTRPC, useTRPCClient } from '../trpc.ts';
import { JsonBlock } from '../ui/json-block.tsx';

type Action = RouterOutputs['connectors']['list'][number]['actions'][number];

const ID_PREFIX = 'try';

function failureOf(error: unknown) {
  const data = error instanceof TRPCClientError ? (error.data as Partial<ApiErrorDataWithDetails> | undefined) : undefined;
  return {
    message: error instanceof Error ? error.message : 'The call failed',
    code: data?.code,
    reason: data?.reason,
    runId: data?.runId,
    retryAfterMs: data?.retryAfterMs,
    // With reason INVALID_INPUT, `path` is the refused field's path in the input.
    field: data?.reason === 'INVALID_INPUT' ? data.path : undefined,
  };
}

export function TryActionForm({ connectorId, action, connectionId }: { connectorId: string; action: Action; connectionId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const schema = action.inputSchema;
  const [value, setValue] = useState<unknown>(() => initialValue(schema));
  const [showErrors, setShowErrors] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const run = useMutation({
    mutationFn: async (input: unknown) => {
      const output = await callAction(client, connectorId, action.name, {
        connectionId,
        input,
        idempotencyKey: idempotencyKey.trim() || undefined,
      });
      // The procedure answers with the output alone; the run just made is this connection's newest of this action.
      const latest = await queryClient.fetchQuery(trpc.runs.list.queryOptions({ connectionId, action: action.name, limit: 1 }));
      return { output, runId: latest.runs[0]?.id };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() }),
  });
  const issues = validate(schema, value);
  const errors = new Map(showErrors ? issuesByField(issues) : []);
  const failure = run.error ? failureOf(run.error) : undefined;
  if (failure?.field !== undefined && !errors.has(failure.field)) errors.set(failure.field, failure.message);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    const [first] = issues;
    if (first) {
      document.getElementById(`${ID_PREFIX}-${pathKey(first.path).replace(/[^\w.-]/g, '_') || 'root'}`)?.focus();
      return;
    }
    if (!connectionId) return;
    if (action.destructive && !window.confirm(`${action.name} changes or deletes data at the provider. Run it?`)) return;
    run.mutate(value);
  };

  return (
    <section className="card" aria-labelledby="try-action-title">
      <h2 id="try-action-title">
        <code>{action.name}</code>
      </h2>
      <p>{action.description}</p>
      <form noValidate onSubmit={submit} aria-labelledby="try-action-title">
        <SchemaForm
          schema={schema}
          value={value}
          onChange={(next) => {
            setValue(next);
            // A refusal speaks of the value that was sent; once it changes, the message would mislead.
            if (run.isError) run.reset();
          }}
          errors={errors}
          idPrefix={ID_PREFIX}
        />
        <div className="field">
          <label htmlFor={`${ID_PREFIX}-idempotency-key`} className="field-label">
            Idempotency key <span className="field-req">(optional)</span>
          </label>
          <input
            id={`${ID_PREFIX}-idempotency-key`}
            aria-describedby={`${ID_PREFIX}-idempotency-key-hint`}
            maxLength={255}
            value={idempotencyKey}
            onChange={(e) => setIdempotencyKey(e.target.value)}
          />
          <p id={`${ID_PREFIX}-idempotency-key-hint`} className="field-hint">
            Run again with the same key and input: the stored result comes back and the provider is not called twice.
          </p>
        </div>
        {showErrors && issues.length > 0 ? (
          <p className="field-error" role="alert">
            {issues.length === 1 ? 'One field needs' : `${issues.length} fields need`} attention before this can run.
          </p>
        ) : null}
        {showErrors && !connectionId ? (
          <p className="field-error" role="alert">
            Choose a connection to run it on.
          </p>
        ) : null}
        <button type="submit" disabled={run.isPending}>
          {run.isPending ? 'Running…' : `Run ${action.name}`}
        </button>
      </form>
      <div role="status" className="try-result">
        {run.isSuccess ? (
          <>
            <p className="badge badge-good">Succeeded</p>
            {run.data.runId ? (
              <p>
                <Link href={`/runs/${run.data.runId}`}>Open the run record</Link>
              </p>
            ) : null}
            <JsonBlock label="Output" value={run.data.output} />
          </>
        ) : null}
        {failure ? (
          <div className="error">
            <p>
              <strong>Failed</strong>
              {failure.code ? ` (${failure.code}${failure.reason ? `, ${failure.reason}` : ''})` : ''}: {failure.message}
            </p>
            {failure.retryAfterMs !== undefined ? (
              <p>The provider asks to wait {Math.ceil(failure.retryAfterMs / 1000)} s before trying again.</p>
            ) : null}
            {failure.runId ? (
              <p>
                <Link href={`/runs/${failure.runId}`}>Open the run record</Link>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
