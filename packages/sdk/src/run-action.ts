/**
 * @module The execution core: validates input, builds `ctx`, runs the action under its retry
 * and timeout policy, validates the output, and turns every failure into a ConnectorError.
 * The engine and the test harness both run actions through this one function.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { actionTimeoutMs, actionTimeoutProblem, DEFAULT_ACTION_TIMEOUT_MS } from './action-timeout.ts';
import type { AuthDescriptor, OAuth2Credentials, RequestAuthTarget } from './auth/descriptors.ts';
import { isGrantAuth } from './auth/grant-descriptors.ts';
import { startDeadline } from './deadline.ts';
import type { ActionContext, AnyConnector, ConnectionInfo } from './define.ts';
import { ConnectorError } from './errors.ts';
import { createHttpClient } from './http/client.ts';
import { DEFAULT_RETRY, type RetrySettings } from './http/retry.ts';
import type { AttemptReport } from './http/types.ts';
import { createRedactingLogger, type LogEntry } from './logger.ts';
import { checkDiscovered, type DiscoveredAccount, storedAccount } from './params/accounts.ts';
import { storedParams } from './params/connection-params.ts';
import { resolveHostTemplate } from './params/host-template.ts';
import { redactConnectorError, redactText, secretValues } from './redact.ts';

export interface RunActionOptions {
  input: unknown;
  /** The connection's credentials, in the shape its auth descriptor declares. */
  credentials: Readonly<Record<string, unknown>>;
  connection?: Partial<ConnectionInfo>;
  signal?: AbortSignal;
  idempotencyKey?: string;
  /** Where `ctx.log` lines go, already redacted. */
  onLog?: (entry: LogEntry) => void;
  /** Every try at the provider, for run records. */
  onAttempt?: (report: AttemptReport) => void;
  /** Overrides for retry timing (tests make waits instant and record them). */
  retry?: Partial<RetrySettings>;
  /** An undici dispatcher (a MockAgent in tests, a tuned Agent in production). */
  dispatcher?: Dispatcher;
  /**
   * Called once when a request fails with AUTH_EXPIRED: resolves with fresh credentials (the
   * engine refreshes the OAuth token), and that request alone is sent again with them.
   */
  refreshCredentials?: () => Promise<Readonly<Record<string, unknown>>>;
}

interface AppliedAuth {
  apply: ((target: RequestAuthTarget) => void) | undefined;
  /** What `ctx.credentials` holds: for apiKey and basic, the fields' parsed output (defaults applied), as its type says. */
  credentials: Readonly<Record<string, unknown>>;
}

function applyAuthOf(auth: AuthDescriptor, credentials: Readonly<Record<string, unknown>>): AppliedAuth {
  switch (auth.kind) {
    case 'oauth2': {
      // A chosen account's own token (a Facebook Page token) is the one requests carry.
      const account = credentials.account as Record<string, unknown> | undefined;
      const accessToken = String(account?.accessToken ?? credentials.accessToken ?? '');
      const tokens: OAuth2Credentials = { ...(credentials as unknown as OAuth2Credentials), accessToken };
      const place = auth.apply;
      return {
        credentials,
        apply: place
          ? (target) => place(tokens, target)
          : (target) => {
              target.headers.authorization = `Bearer ${accessToken}`;
            },
      };
    }
    case 'apiKey':
    case 'basic': {
      const parsed = auth.fields.safeParse(credentials);
      if (!parsed.success)
        throw new ConnectorError(
          'AUTH_INVALID',
          `Stored credentials do not match the connector's fields (${parsed.error.issues[0]?.path.join('.')})`,
        );
      // The fields' schema strips unknown keys; a chosen account's credentials stay beside them.
      const visible = credentials.account ? { ...parsed.data, account: credentials.account } : parsed.data;
      return { credentials: Object.freeze(visible), apply: (target) => auth.apply(parsed.data, target) };
    }
    case 'clientCredentials':
    case 'jwtBearer': {
      // The engine passes the access token only; the grant's secret or key never reaches here.
      const token: OAuth2Credentials = { accessToken: String(credentials.accessToken ?? '') };
      if (typeof credentials.tokenType === 'string') token.tokenType = credentials.tokenType;
      const apply = auth.apply;
      return {
        credentials: Object.freeze(token),
        apply: apply
          ? (target) => apply(token, target)
          : (target) => {
              target.headers.authorization = `Bearer ${token.accessToken}`;
            },
      };
    }
    case 'none':
      return { credentials, apply: undefined };
  }
}

function validate<S extends z.ZodType>(schema: S, value: unknown, code: 'INVALID_INPUT' | 'UPSTREAM_CONTRACT'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const what = code === 'INVALID_INPUT' ? 'Invalid input' : 'The action returned an unexpected output';
  throw new ConnectorError(code, `${what}${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`, { path });
}

/** Builds the `ctx` an action or health check runs with. */
export function buildContext(
  connector: AnyConnector,
  options: RunActionOptions,
  policy: { retry?: import('./define.ts').RetryPolicy | false; idempotent?: boolean; idempotencyHeader?: string | false },
  signal: AbortSignal,
): ActionContext {
  // Grows when a refresh brings new credentials, so the logger redacts those too.
  const secrets = secretValues(options.credentials);
  const refresh = options.refreshCredentials;
  const retry: RetrySettings = { ...DEFAULT_RETRY, ...(policy.retry === false ? { attempts: 1 } : policy.retry), ...options.retry };
  const applied = applyAuthOf(connector.auth, options.credentials);
  const metadata = options.connection?.metadata ?? {};
  const params = options.connection?.params ?? storedParams(metadata);
  // Templated hosts resolve per connection; one that does not resolve fails here, before any request.
  const baseUrls = connector.baseUrls.map((url) => resolveHostTemplate(url, params, connector.hostPatterns));
  return {
    http: createHttpClient({
      baseUrls,
      applyAuth: applied.apply,
      refreshable: connector.auth.kind === 'oauth2' || isGrantAuth(connector.auth),
      refreshAuth: refresh
        ? async () => {
            const fresh = await refresh();
            secrets.push(...secretValues(fresh));
            return applyAuthOf(connector.auth, fresh).apply ?? (() => {});
          }
        : undefined,
      mapError: connector.mapError,
      dispatcher: options.dispatcher,
      signal,
      retry,
      idempotentAction: policy.idempotent ?? false,
      idempotencyHeader: policy.idempotencyHeader === false ? undefined : (policy.idempotencyHeader ?? connector.idempotencyHeader),
      idempotencyKey: options.idempotencyKey,
      onAttempt: options.onAttempt,
    }),
    log: createRedactingLogger(secrets, options.onLog ?? (() => {})),
    connection: {
      id: options.connection?.id ?? 'unsaved',
      metadata,
      scopes: options.connection?.scopes ?? [],
      params,
      account: options.connection?.account ?? storedAccount(metadata),
    },
    credentials: applied.credentials,
    signal,
    idempotencyKey: options.idempotencyKey,
  };
}

/**
 * Runs `work` under a deadline and the caller's signal, mapping whatever escapes to a ConnectorError.
 * The deadline holds even for work that ignores its signal: the call answers TIMEOUT when it passes.
 */
export async function guarded<T>(
  timeoutMs: number,
  outer: AbortSignal | undefined,
  secrets: readonly string[],
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  let expire: (error: Error) => void = () => {};
  const expired = new Promise<never>((_, reject) => {
    expire = reject;
  });
  expired.catch(() => {});
  const deadline = startDeadline(timeoutMs, outer, { onTimeout: () => expire(new Error('deadline')) });
  try {
    return await Promise.race([work(deadline.signal), expired]);
  } catch (error) {
    if (outer?.aborted) throw new ConnectorError('CANCELLED', 'The run was cancelled', { cause: error });
    // Before the connector's own error: a request cut by the deadline reports itself as cancelled.
    if (deadline.timedOut) throw new ConnectorError('TIMEOUT', `The action took longer than ${timeoutMs} ms`, { cause: error });
    // A connector may put whatever it read (a provider's echo of the key) into its own error.
    if (error instanceof ConnectorError) throw redactConnectorError(error, secrets);
    const message = redactText(error instanceof Error ? error.message : String(error), secrets);
    throw new ConnectorError('CONNECTOR_FAILURE', `The connector failed: ${message}`);
  } finally {
    deadline.end();
  }
}

/**
 * Runs one action of a connector and returns its validated output, or throws a ConnectorError.
 *
 * @example
 * const message = await runAction(slack, 'postMessage', { input: { channel: 'C1', text: 'hi' }, credentials: { accessToken } });
 */
export async function runAction(connector: AnyConnector, actionName: string, options: RunActionOptions): Promise<unknown> {
  const action = Object.hasOwn(connector.actions, actionName) ? connector.actions[actionName] : undefined;
  if (!action) throw new ConnectorError('NOT_FOUND', `Connector ${connector.id} has no action ${actionName}`);
  const badTimeout = actionTimeoutProblem(action.timeoutMs);
  if (badTimeout) throw new ConnectorError('CONNECTOR_FAILURE', `Action ${connector.id}.${actionName}: ${badTimeout}`);
  const input = validate(action.input, options.input, 'INVALID_INPUT');
  const secrets = secretValues(options.credentials);
  const output = await guarded(actionTimeoutMs(action), options.signal, secrets, (signal) =>
    action.run(
      input,
      buildContext(
        connector,
        options,
        { retry: action.retry, idempotent: action.idempotent, idempotencyHeader: action.idempotencyHeader },
        signal,
      ),
    ),
  );
  return validate(action.output, output, 'UPSTREAM_CONTRACT');
}

/** Runs the connector's health check, if it has one; resolves when the credentials work. */
export async function runHealthCheck(connector: AnyConnector, options: Omit<RunActionOptions, 'input'>): Promise<void> {
  const check = connector.healthCheck;
  if (!check) return;
  await guarded(DEFAULT_ACTION_TIMEOUT_MS, options.signal, secretValues(options.credentials), (signal) =>
    check(buildContext(connector, { ...options, input: undefined }, { retry: { attempts: 2 } }, signal)),
  );
}

/**
 * Runs the connector's `discover` and returns the accounts it found, checked; none when the
 * connector has no `discover`.
 */
export async function runDiscover(connector: AnyConnector, options: Omit<RunActionOptions, 'input'>): Promise<DiscoveredAccount[]> {
  const discover = connector.discover;
  if (!discover) return [];
  // Accounts are listed with the grant's own credentials, never a previously chosen account's.
  const { account: _chosen, ...grant } = options.credentials;
  const found = await guarded(DEFAULT_ACTION_TIMEOUT_MS, options.signal, secretValues(options.credentials), (signal) =>
    discover(buildContext(connector, { ...options, credentials: grant, input: undefined }, { retry: { attempts: 2 } }, signal)),
  );
  return checkDiscovered(found);
}
