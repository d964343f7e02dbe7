export type { BatchLoad } from './batcher.ts';
export { Batcher } from './batcher.ts';
export type { ChangeEvent, ChangeFeedOptions, ChangeSubscriber } from './change-feed.ts';
export { announceChange, attachChangeFeed, CHANGE_CHANNEL, CHANGE_FEED_APPLICATION, ChangeFeed, changeFeedFor } from './change-feed.ts';
export type { DatabaseHandle, OpenDatabaseOptions } from './connect.ts';
export {
  assertReachable,
  CONNECT_TIMEOUT_MS,
  createKysely,
  createPool,
  DEFAULT_POOL_MAX,
  ensureDatabase,
  openDatabase,
} from './connect.ts';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './embedded.ts';
export { startEmbeddedPostgres } from './embedded.ts';
export { DatabaseStartError, redactUrl } from './errors.ts';
export type { FeedCacheOptions } from './feed-cache.ts';
export { FeedCache } from './feed-cache.ts';
export { findFreePort } from './free-port.ts';
export type { MigrationStatus } from './migrator.ts';
export {
  createMigrator,
  MIGRATIONS_DIR,
  MigrationError,
  migrateDown,
  migrateToLatest,
  migrationStatus,
  pendingMigrations,
} from './migrator.ts';
export { executeInTenantsScope, queryInTenantsScope } from './pipelined-scope.ts';
export { processAlive } from './process-alive.ts';
export type { RetryWhileUnavailableOptions } from './retry-unavailable.ts';
export { retryWhileUnavailable, waitForDatabase } from './retry-unavailable.ts';
export type {
  ApiKeysTable,
  AuditLogTable,
  AuthKind,
  ConnectionStatus,
  ConnectionsTable,
  ConnectSessionsTable,
  Database,
  InvitationsTable,
  MembershipsTable,
  OAuthAppsTable,
  OAuthFlowsTable,
  OrganizationsTable,
  Role,
  RunAttempt,
  RunChannel,
  RunStatus,
  RunsTable,
  SessionsTable,
  SignInFailuresTable,
  ThrottleCountersTable,
  TriggerEventsTable,
  TriggerSubscriptionsTable,
  UsersTable,
  WebhookDeliveriesTable,
  WebhookEndpointsTable,
  WebhookEvent,
} from './schema.ts';
export type { TenantTx } from './scope.ts';
export {
  ScopeError,
  withInvitationToken,
  withKeyLookup,
  withSystem,
  withSystemThenTenant,
  withTenant,
  withTenants,
  withUser,
} from './scope.ts';
export { isDatabaseUnavailable } from './unavailable.ts';
export { isUuid, timeOrderedUuid } from './uuid.ts';
