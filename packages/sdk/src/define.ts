import type { z } from 'zod';
import type { AuthDescriptor, CredentialsOf } from './auth/descriptors.ts';
import type { HttpClient } from './http/types.ts';
import type { Logger } from './logger.ts';
import type { ConnectedAccount, DiscoveredAccount } from './params/accounts.ts';
import type { HostPatterns } from './params/host-template.ts';
import { SDK_MAJOR } from './version.ts';

/** Connection parameters as an action sees them when it was not declared with their schema. */
export type UntypedParams = Readonly<Record<string, unknown>>;

export interface ConnectionInfo<P extends object = UntypedParams> {
  id: string;
  metadata: Readonly<Record<string, unknown>>;
  /** Scopes granted to this connection (OAuth), when known. */
  scopes: readonly string[];
  /** The connection's parameters (`connectionParams`), validated when it was made (`metadata.params`). */
  params: Readonly<P>;
  /** The account chosen after connecting (`discover`), or null (none chosen, or no `discover`). */
  account: ConnectedAccount | null;
}

/** Credentials as an action sees them when it was not declared for an auth descriptor. */
export type UntypedCredentials = Readonly<Record<string, unknown>>;

/**
 * What an action's `run` receives besides its input. `C` is the connection's credentials, typed
 * from the auth descriptor when the action is declared with `defineActionFor(auth)`.
 */
export interface ActionContext<C extends object = UntypedCredentials, P extends object = UntypedParams> {
  /** Requests to the connector's base URLs only, with auth, retries and timeouts applied. */
  http: HttpClient;
  /** Structured logs; credential values never reach a line. */
  log: Logger;
  connection: ConnectionInfo<P>;
  /** The connection's credentials, for the rare action that needs a value in a URL or body. */
  credentials: Readonly<C>;
  /** Aborted when the run is cancelled or times out. */
  signal: AbortSignal;
  /** The caller's idempotency key, to pass to providers that accept one. */
  idempotencyKey: string | undefined;
}

export interface RetryPolicy {
  /** Tries in all, the first included (default 3). */
  attempts?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured; a longer one fails as RATE_LIMITED (default 30 s). */
  maxRetryAfterMs?: number;
}

export interface ActionDefinition<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  C extends object = UntypedCredentials,
  P extends object = UntypedParams,
> {
  description: string;
  input: I;
  output: O;
  /** Scopes this action needs (OAuth). */
  scopes?: readonly string[];
  /** Safe to repeat: lets 500s and read timeouts be retried too. */
  idempotent?: boolean;
  /** Deletes or changes something irreversibly; dashboards ask before running it. */
  destructive?: boolean;
  /** Only reads from the provider, changes nothing there (MCP's `readOnlyHint`). */
  readOnly?: boolean;
  retry?: RetryPolicy | false;
  /**
   * Overrides the connector's `idempotencyHeader` for this action's requests (`false`: none).
   */
  idempotencyHeader?: string | false;
  /**
   * For the whole action, retries included (default 30 s, at most 15 minutes: `MAX_ACTION_TIMEOUT_MS`).
   * Single requests keep their own, shorter `timeoutMs` (default 15 s).
   */
  timeoutMs?: number;
  run: (input: z.output<I>, ctx: ActionContext<C, P>) => Promise<z.input<O>>;
}

// biome-ignore lint/suspicious/noExplicitAny: an action of any schema pair, credentials and params.
export type AnyAction = ActionDefinition<any, any, any, any>;

export interface ConnectorDefinition<
  Id extends string = string,
  A extends AuthDescriptor = AuthDescriptor,
  Actions extends Record<string, AnyAction> = Record<string, AnyAction>,
  P extends z.ZodObject = z.ZodObject,
> {
  /** Stable, kebab-case: it names the connector in URLs and procedure paths. */
  id: Id;
  name: string;
  /** Semver of the connector package. */
  version: string;
  description: string;
  auth: A;
  /**
   * Every origin requests may go to; anything else is refused. A host may name connection
   * parameters (`https://{shop}.myshopify.com`), each with a pattern in `hostPatterns`.
   */
  baseUrls: readonly string[];
  /**
   * Parameters a connection needs (a Shopify shop), collected before OAuth starts or by
   * `connections.create`, validated, stored in `metadata.params`, read as `ctx.connection.params`.
   */
  connectionParams?: P;
  /**
   * The host each placeholder may resolve to, matched against the whole resolved host:
   * `{ shop: /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/ }`. A placeholder without one is refused at startup.
   */
  hostPatterns?: HostPatterns;
  actions: Actions;
  /** Events the provider reports (webhooks it sends, or things to poll for); see defineTrigger. */
  triggers?: Readonly<Record<string, import('./triggers/define-trigger.ts').AnyTrigger>>;
  /**
   * A header the provider dedupes on (Stripe: `Idempotency-Key`). The http client puts the run's
   * idempotency key in it on every POST, PUT, PATCH and DELETE that does not set it itself, and
   * then retries those requests after 5xx and resets too, since the provider cannot act twice.
   */
  idempotencyHeader?: string;
  /** Proves credentials work (cheap authenticated call); used when connections are created or tested. */
  // A method, so a connector with typed credentials still fits where any connector is taken.
  healthCheck?(ctx: ActionContext<CredentialsOf<A>, z.output<P>>): Promise<void>;
  /**
   * The accounts this grant can act for (Facebook Pages, Google Ads customers), run after
   * connecting and by `connections.discover`. One account is chosen automatically; with several,
   * the connection waits for `connections.setAccount`. An account's `credentials` (a Page token)
   * are sealed with the connection's and reach actions as `ctx.credentials.account`.
   */
  discover?(ctx: ActionContext<CredentialsOf<A>, z.output<P>>): Promise<readonly DiscoveredAccount[]>;
  /**
   * Turns a provider's response into a ConnectorError when its status alone does not tell
   * (Slack answers `ok: false` with 200). Return undefined to use the default mapping.
   */
  mapError?: (response: {
    status: number;
    headers: Record<string, string>;
    body: unknown;
  }) => import('./errors.ts').ConnectorError | undefined;
}

const SDK_MAJOR_KEY = Symbol.for('patchbay.sdk.major');

/**
 * Declares one action. Returns its argument, frozen; types flow from the zod schemas.
 *
 * @example
 * export const getStatus = defineAction({
 *   description: 'Service status',
 *   input: z.object({}),
 *   output: z.object({ status: z.string() }),
 *   run: async (_input, ctx) => (await ctx.http.get<{ status: string }>('/status')).data,
 * });
 */
export function defineAction<const I extends z.ZodType, const O extends z.ZodType>(
  definition: ActionDefinition<I, O>,
): Readonly<ActionDefinition<I, O>> {
  return Object.freeze(definition);
}

/**
 * `defineAction` for one auth descriptor: `ctx.credentials` is typed from its fields (apiKey,
 * basic) or `{ accessToken, tokenType?, account? }` (oauth2), so actions read them without casts.
 * Given `{ params }` (the connector's `connectionParams`), `ctx.connection.params` is typed too.
 *
 * @example
 * export const twilioAuth = basic({ fields: z.object({ accountSid: z.string(), authToken: z.string() }), apply });
 * const defineTwilioAction = defineActionFor(twilioAuth);
 * export const getAccount = defineTwilioAction({
 *   description: 'The account',
 *   input: z.object({}),
 *   output: z.object({ sid: z.string() }),
 *   run: async (_input, ctx) => (await ctx.http.get(`/Accounts/${ctx.credentials.accountSid}.json`, { schema: account })).data,
 * });
 */
export function defineActionFor<const A extends AuthDescriptor, const P extends z.ZodObject = z.ZodObject>(
  _auth: A,
  _options?: { params?: P },
): <const I extends z.ZodType, const O extends z.ZodType>(
  definition: ActionDefinition<I, O, CredentialsOf<A>, z.output<P>>,
) => Readonly<ActionDefinition<I, O, CredentialsOf<A>, z.output<P>>> {
  return (definition) => Object.freeze(definition);
}

/**
 * Declares a connector. Returns its argument, frozen, stamped with the SDK major it was built
 * against so an engine can refuse an incompatible one.
 */
export function defineConnector<
  const Id extends string,
  const A extends AuthDescriptor,
  const Actions extends Record<string, AnyAction>,
  const P extends z.ZodObject = z.ZodObject,
>(definition: ConnectorDefinition<Id, A, Actions, P>): Readonly<ConnectorDefinition<Id, A, Actions, P>> {
  Object.defineProperty(definition, SDK_MAJOR_KEY, { value: SDK_MAJOR, enumerable: false });
  Object.freeze(definition.actions);
  if (definition.triggers) Object.freeze(definition.triggers);
  return Object.freeze(definition);
}

/** The SDK major a connector was defined with, or undefined if it was not made by defineConnector. */
export function connectorSdkMajor(connector: object): number | undefined {
  return (connector as Record<symbol, number | undefined>)[SDK_MAJOR_KEY];
}

export type AnyConnector = ConnectorDefinition<string, AuthDescriptor, Record<string, AnyAction>>;

/** What a caller passes to an action (before defaults and transforms). */
export type inferActionInput<C extends { actions: Record<string, AnyAction> }, Name extends keyof C['actions']> = z.input<
  C['actions'][Name]['input']
>;
/** What an action returns, after its output schema. */
export type inferActionOutput<C extends { actions: Record<string, AnyAction> }, Name extends keyof C['actions']> = z.output<
  C['actions'][Name]['output']
>;
export type inferActionNames<C extends { actions: Record<string, AnyAction> }> = keyof C['actions'] & string;
