/**
 * @module One statement under a multi-tenant scope in ONE round trip, for the hot path's run
 * records and connection loads. `withTenants` costs three (`begin; select set_config(...)`, the
 * statement, `commit`); here the scope and the statement go as one extended-protocol pipeline
 * ending in a single Sync: Postgres runs everything before a Sync as one implicit transaction, so
 * the scope's `set_config(..., true)` (tenant ids and the `patchbay_app` role, under row-level
 * security) holds for the statement and ends at its commit, and the statement commits before the
 * reply (`synchronous_commit` is whatever the database says, as for every other write). If either
 * part fails, the whole implicit transaction rolls back and the connection is idle again.
 */
import pg from 'pg';
import { ScopeError } from './scope.ts';
import { isUuid } from './uuid.ts';

const SCOPE_SQL = "select set_config('app.tenant_ids', $1, true), set_config('role', 'patchbay_app', true)";
/**
 * The scope is a named prepared statement on each pooled connection: parsed and planned once,
 * then only bound and executed. A connection whose pipeline failed is destroyed, never pooled,
 * so no connection believes in a statement Postgres did not keep.
 */
const SCOPE_STATEMENT = 'patchbay_tenants_scope';

/** The slice of pg's protocol connection a query writes to (untyped in @types/pg). */
interface ProtocolConnection {
  parse(config: { name: string; text: string; types: number[] }): void;
  bind(config: { statement: string; values: string[] }): void;
  describe(config: { type: 'P'; name: string }): void;
  execute(config: { portal: string }): void;
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
}

// pg's own extended-protocol steps for a parameterised query (parse, bind with its value
// mapping, describe, execute, sync); not in @types/pg, so read from the prototype.
const sendStatement = Reflect.get(pg.Query.prototype, 'prepare') as (this: pg.Query, connection: ProtocolConnection) => void;

/** pg's Query, with the scope's parse/bind/execute written ahead of the statement's, before one Sync. */
class ScopedStatement extends pg.Query {
  readonly #scope: string;

  constructor(
    scope: string,
    statement: { sql: string; parameters: readonly unknown[]; name?: string | undefined },
    callback: (error: Error | undefined, results?: unknown) => void,
  ) {
    super({ text: statement.sql, values: [...statement.parameters], ...(statement.name ? { name: statement.name } : {}) }, callback);
    this.#scope = scope;
  }

  prepare(connection: ProtocolConnection): void {
    if (connection.parsedStatements[SCOPE_STATEMENT] === undefined && connection.submittedNamedStatements[SCOPE_STATEMENT] === undefined) {
      connection.parse({ name: SCOPE_STATEMENT, text: SCOPE_SQL, types: [] });
      connection.submittedNamedStatements[SCOPE_STATEMENT] = SCOPE_SQL;
    }
    connection.bind({ statement: SCOPE_STATEMENT, values: [this.#scope] });
    connection.describe({ type: 'P', name: '' });
    connection.execute({ portal: '' });
    sendStatement.call(this, connection);
  }
}

/**
 * Runs one parameterised statement (at least one parameter) scoped to `tenantIds`, as
 * `withTenants` would, in one round trip, and returns its rows. Only for statements on the
 * tables whose policies read `app.tenant_ids` (connections, runs). A `name` makes the statement
 * a prepared one on each connection (parsed and planned once): only for SQL text that never
 * changes, and one text per name.
 */
export async function queryInTenantsScope<R>(
  pool: pg.Pool,
  tenantIds: readonly string[],
  statement: { sql: string; parameters: readonly unknown[]; name?: string | undefined },
): Promise<R[]> {
  if (tenantIds.length === 0) throw new ScopeError('no tenant to scope to');
  for (const id of tenantIds) if (!isUuid(id)) throw new ScopeError('tenant id is not a uuid');
  if (statement.parameters.length === 0) throw new ScopeError('a pipelined statement needs parameters');
  const scope = `{${[...new Set(tenantIds)].join(',')}}`;
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    return await new Promise<R[]>((resolve, reject) => {
      client.query(
        new ScopedStatement(scope, statement, (error, results) => {
          if (error) {
            failure = error;
            reject(error);
          } else {
            // pg hands back one result per statement when there are several: the scope's, then ours.
            const all = results as pg.QueryResult[];
            resolve((all[all.length - 1]?.rows ?? []) as R[]);
          }
        }),
      );
    });
  } finally {
    // pg answers an error before the Sync's ReadyForQuery: a connection that failed is not
    // pooled again half way through its reply (failures are rare; the caller retries row by row).
    client.release(failure);
  }
}

/** `queryInTenantsScope` for a statement whose rows nobody reads (the run writer's insert). */
export async function executeInTenantsScope(
  pool: pg.Pool,
  tenantIds: readonly string[],
  statement: { sql: string; parameters: readonly unknown[]; name?: string | undefined },
): Promise<void> {
  await queryInTenantsScope(pool, tenantIds, statement);
}
