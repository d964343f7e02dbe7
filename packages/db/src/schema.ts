/**
 * @module The one source of row types: every table the migrations create is described here,
 * and the rest of the code derives `Selectable`/`Insertable` types from it.
 */
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type Role = 'owner' | 'admin' | 'member';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string | null;
  password_hash: string;
  /** When the owner of the address followed a verification link; null until then. */
  email_verified_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  /** Origins an OAuth flow may return to (besides the server's own). */
  allowed_return_origins: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
}

export interface MembershipsTable {
  tenant_id: string;
  user_id: string;
  role: Role;
  created_at: CreatedAt;
}

export interface InvitationsTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  role: Role;
  invited_by: string | null;
  /** SHA-256 of the mailed token, hex; null only for invitations made before tokens existed. */
  token_hash: string | null;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

/** Single-use links mailed to an account: email verification and password reset. */
export interface AccountTokensTable {
  /** SHA-256 of the mailed token, hex. */
  token_hash: string;
  user_id: string;
  purpose: 'verify_email' | 'reset_password';
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface SessionsTable {
  /** SHA-256 of the session token, hex; the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  prefix: string;
  /** SHA-256 of the key's secret part, hex. */
  secret_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** What the key may do (see ApiKeyScope in @patchbay/auth); `admin` is everything. */
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  /** After this the key is refused, like a revoked one. */
  expires_at: NullableTimestamp;
}

export interface SignInFailuresTable {
  email: string;
  ip: string;
  /** What was attempted: a sign-in, or a request that sends mail. */
  purpose: Generated<string>;
  failed_at: CreatedAt;
}

export interface ThrottleCountersTable {
  bucket: string;
  hits: number;
  window_started_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AuditLogTable {
  tenant_id: string;
  id: Generated<string>;
  actor_type: 'user' | 'api_key' | 'system';
  actor_id: string | null;
  action: string;
  target: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
}

type Json<T = Record<string, unknown>> = ColumnType<T, string | undefined, string>;

export interface OAuthAppsTable {
  tenant_id: string;
  id: Generated<string>;
  connector_id: string;
  client_id: string;
  /** Vault-sealed, purpose `oauth_app.client_secret`. */
  client_secret_sealed: string;
  scopes: string[] | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ConnectSessionsTable {
  tenant_id: string;
  id: Generated<string>;
  /** SHA-256 of the connect token, base64url. */
  token_hash: string;
  connector_id: string;
  end_user_id: string | null;
  return_to: string;
  created_by: string | null;
  /** Connection parameters, validated by the connector's `connectionParams` when the session was made. */
  params: Json;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface OAuthFlowsTable {
  tenant_id: string;
  id: Generated<string>;
  /** SHA-256 of the state parameter, base64url. */
  state_hash: string;
  connector_id: string;
  user_id: string | null;
  end_user_id: string | null;
  /** Set when the flow re-authorizes an existing connection. */
  connection_id: string | null;
  /** Vault-sealed, purpose `oauth_flow.code_verifier`. */
  code_verifier_sealed: string | null;
  expected_issuer: string | null;
  redirect_uri: string;
  return_to: string;
  /** Validated connection parameters, handed to the connection the flow saves. */
  params: Json;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export type ConnectionStatus = 'active' | 'needs_reauth' | 'revoked' | 'error';
export type AuthKind = 'oauth2' | 'apiKey' | 'basic' | 'none' | 'clientCredentials' | 'jwtBearer';

export interface ConnectionsTable {
  tenant_id: string;
  id: Generated<string>;
  connector_id: string;
  auth_kind: AuthKind;
  name: string | null;
  status: ColumnType<ConnectionStatus, ConnectionStatus | undefined, ConnectionStatus>;
  /** Vault-sealed JSON, purpose `connection.credentials`. */
  credentials_sealed: string | null;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  /** When the access token expires (OAuth). */
  expires_at: NullableTimestamp;
  provider_account_id: string | null;
  end_user_id: string | null;
  metadata: Json;
  last_error: string | null;
  last_error_at: NullableTimestamp;
  refreshed_at: NullableTimestamp;
  /** A refresh in progress elsewhere holds the connection until then (no transaction is held across the token call). */
  refresh_lock_until: NullableTimestamp;
  refresh_lock_owner: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead' | 'cancelled';

/** One try at the provider, as a run record keeps it (no query string: it may carry a key). */
export interface RunAttempt {
  /** The run attempt it belongs to (a queued run may be attempted more than once). */
  attempt: number;
  /** The HTTP try within that attempt (the connector's own retries). */
  try: number;
  method: string;
  /** Origin and path only. */
  url: string;
  startedAt: string;
  endedAt: string;
  outcome: 'ok' | 'error';
  errorCode?: string | undefined;
  httpStatus?: number | undefined;
}

/** The surface a run came through. */
export type RunChannel = 'trpc' | 'rest' | 'mcp' | 'proxy';

export interface RunsTable {
  tenant_id: string;
  id: Generated<string>;
  connection_id: string;
  connector_id: string;
  action: string;
  connector_version: string;
  mode: 'sync' | 'async';
  status: RunStatus;
  idempotency_key: string | null;
  input_hash: string;
  input: ColumnType<unknown, string | null | undefined, string | null>;
  output: ColumnType<unknown, string | null | undefined, string | null>;
  /** Keyed runs: the output vault-sealed (purpose `run.output`), what an idempotent replay returns. */
  output_sealed: string | null;
  error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  attempts: Json<RunAttempt[]>;
  attempt: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  lease_until: NullableTimestamp;
  cancel_requested_at: NullableTimestamp;
  created_by: string | null;
  channel: ColumnType<RunChannel, RunChannel | undefined, RunChannel>;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  duration_ms: number | null;
}

export type WebhookEvent = 'run.completed' | 'run.failed' | 'connection.status_changed' | 'trigger.event';

export interface WebhookEndpointsTable {
  tenant_id: string;
  id: Generated<string>;
  url: string;
  /** Vault-sealed, purpose `webhook.secret`. */
  secret_sealed: string;
  events: WebhookEvent[];
  created_by: string | null;
  created_at: CreatedAt;
  last_delivery_at: NullableTimestamp;
  last_delivery_status: number | null;
  last_delivery_error: string | null;
}

/** One event sent (or tried) to one endpoint; written by the worker at each attempt. */
export interface WebhookDeliveriesTable {
  tenant_id: string;
  id: Generated<string>;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  /** The event as sent (its data already scrubbed), kept for redelivery. */
  event: Json<Record<string, unknown>>;
  status: 'delivered' | 'failed';
  attempts: Generated<number>;
  response_status: number | null;
  error: string | null;
  duration_ms: number | null;
  created_at: CreatedAt;
  last_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One connection's subscription to one of its connector's triggers (issue 17). */
export interface TriggerSubscriptionsTable {
  tenant_id: string;
  id: Generated<string>;
  connection_id: string;
  connector_id: string;
  /** The trigger's name on the connector. */
  trigger: string;
  /** The tenant's config, as parsed by the trigger's schema. */
  config: Json;
  /** What the trigger's `subscribe` returned (a provider hook id), for `unsubscribe`. */
  state: Json;
  /** Vault-sealed, purpose `trigger.secret`: the secret the provider signs deliveries with. */
  secret_sealed: string;
  /** Polling triggers: where the next poll continues. */
  cursor: string | null;
  /** Polling triggers: the interval between polls (at least the connector's proposal). */
  poll_interval_ms: number | null;
  /** Polling triggers: failed polls in a row, for backoff. */
  consecutive_failures: ColumnType<number, number | undefined, number>;
  status: ColumnType<'active' | 'failed', 'active' | 'failed' | undefined, 'active' | 'failed'>;
  last_error: string | null;
  last_event_at: NullableTimestamp;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** One event received for a subscription, stored once per provider event id. */
export interface TriggerEventsTable {
  tenant_id: string;
  id: Generated<string>;
  subscription_id: string;
  connection_id: string;
  provider_event_id: string;
  provider_account_id: string | null;
  event_type: string;
  payload: ColumnType<unknown, string, string>;
  /** When it was received. */
  created_at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  api_keys: ApiKeysTable;
  sign_in_failures: SignInFailuresTable;
  throttle_counters: ThrottleCountersTable;
  audit_log: AuditLogTable;
  oauth_apps: OAuthAppsTable;
  connect_sessions: ConnectSessionsTable;
  oauth_flows: OAuthFlowsTable;
  connections: ConnectionsTable;
  runs: RunsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  trigger_subscriptions: TriggerSubscriptionsTable;
  trigger_events: TriggerEventsTable;
}
