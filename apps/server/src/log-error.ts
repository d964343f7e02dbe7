/**
 * @module How errors appear in the logs. Postgres errors can quote the statement's values, which
 * are often tenant input (`where: JSON data, line 1: {"message":"x\u0000...`, `invalid input
 * syntax for type uuid: "..."`, a unique violation's `detail`). Those fields are dropped, and the
 * message is reduced to the SQLSTATE and the server routine, which still say what went wrong.
 */
import pino from 'pino';

/** DatabaseError fields (pg-protocol) that can carry a statement's values. */
const QUOTING_FIELDS = ['message', 'detail', 'where', 'hint', 'internalQuery', 'position', 'internalPosition'] as const;

interface PostgresError extends Error {
  code: string;
  severity: string;
  routine?: string;
}

const isPostgresError = (error: unknown): error is PostgresError =>
  error instanceof Error &&
  typeof (error as Partial<PostgresError>).severity === 'string' &&
  typeof (error as Partial<PostgresError>).code === 'string';

function reducedMessage(error: PostgresError): string {
  return `Postgres error ${error.code}${error.routine ? ` in ${error.routine}` : ''}`;
}

/**
 * A log line that quotes an error's text (Graphile Worker's "Failed task ... with error '...'"),
 * with every Postgres error in the cause chain reduced as `serializeError` does.
 */
export function withoutQuotedValues(line: string, error: unknown): string {
  let out = line;
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (!isPostgresError(e)) continue;
    const record = e as unknown as Record<string, unknown>;
    for (const field of QUOTING_FIELDS) {
      const text = record[field];
      if (typeof text === 'string' && text.length > 0 && field !== 'position' && field !== 'internalPosition') {
        out = out.split(text).join(field === 'message' ? reducedMessage(e) : '[removed]');
      }
    }
  }
  return out;
}

/** pino's `err` serializer, with Postgres errors (also as a cause) stripped of quoted values. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const out: Record<string, unknown> = { ...pino.stdSerializers.err(error) };
  if (isPostgresError(error)) {
    for (const field of QUOTING_FIELDS) delete out[field];
    const message = reducedMessage(error);
    out.message = message;
    out.stack =
      typeof error.stack === 'string'
        ? [`${error.name}: ${message}`, ...error.stack.split('\n').filter((l) => /^\s+at /.test(l))].join('\n')
        : undefined;
  }
  if (error.cause !== undefined) out.cause = serializeError(error.cause);
  return out;
}
