export { actionTimeoutMs, actionTimeoutProblem, DEFAULT_ACTION_TIMEOUT_MS, MAX_ACTION_TIMEOUT_MS } from './action-timeout.ts';
export { apiKey, basic, none, oauth2 } from './auth/define-auth.ts';
export { clientCredentials, jwtBearer, MAX_ASSERTION_LIFETIME_SECONDS } from './auth/define-grants.ts';
export type {
  ApiKeyAuth,
  AuthDescriptor,
  BasicAuth,
  CredentialsOf,
  NoAuth,
  OAuth2Auth,
  OAuth2Credentials,
  RequestAuthTarget,
  TokenError,
  TokenErrorVerdict,
  TokenSet,
} from './auth/descriptors.ts';
export type {
  ClientCredentialsAuth,
  ClientCredentialsFields,
  GrantAuth,
  JwtBearerAuth,
  JwtBearerFields,
  ServiceAccountKey,
} from './auth/grant-descriptors.ts';
export { declaredTokenUrl, isGrantAuth } from './auth/grant-descriptors.ts';
export type { OAuthHookOptions } from './auth/oauth-hook-context.ts';
export { oauthHookBaseUrls, runOAuthHook } from './auth/oauth-hook-context.ts';
export type {
  AfterExchangeHook,
  AfterExchangeResult,
  CallbackCheck,
  CallbackVerifier,
  CurrentTokens,
  OAuthHookContext,
  RefreshHook,
  RevokeHook,
  TokenHttpRequest,
  TokenRequestBuilder,
  TokenRequestContext,
  TokenRequestStyle,
} from './auth/oauth-hooks.ts';
export { isTokenResponseError, TokenResponseError } from './auth/token-response-error.ts';
export type { CommandIo } from './cli/connectors-diff.ts';
export { CONNECTORS_DIFF_USAGE, connectorsDiffCommand } from './cli/connectors-diff.ts';
export type { ConnectorDiff, ConnectorFinding } from './compat/connector-diff.ts';
export { allowsBreaking, diffConnectors, formatDiff } from './compat/connector-diff.ts';
export type { LoadedPackage } from './compat/load-connector-package.ts';
export { loadConnectorPackage } from './compat/load-connector-package.ts';
export type { SchemaFinding, SchemaSide } from './compat/schema-diff.ts';
export { compareSchemas } from './compat/schema-diff.ts';
export type {
  ActionContext,
  ActionDefinition,
  AnyAction,
  AnyConnector,
  ConnectionInfo,
  ConnectorDefinition,
  inferActionInput,
  inferActionNames,
  inferActionOutput,
  RetryPolicy,
  UntypedCredentials,
  UntypedParams,
} from './define.ts';
export { connectorSdkMajor, defineAction, defineActionFor, defineConnector } from './define.ts';
export type { ActionDescription, ConnectorDescription, TriggerDescription } from './describe.ts';
export { describeConnector } from './describe.ts';
export { createEgressAgent, type EgressAgentOptions } from './egress/egress-agent.ts';
export { privateEgressAllowed } from './egress/egress-policy.ts';
export { isInternalAddress } from './egress/internal-address.ts';
export type { EgressOptions, LookupFunction } from './egress/vetted-lookup.ts';
export { EgressRefusedError, egressRefusal, resolveVetted, vettedLookup } from './egress/vetted-lookup.ts';
export type { ConnectorErrorCode, ConnectorErrorData } from './errors.ts';
export { CONNECTOR_ERROR_CODES, ConnectorError, isConnectorError } from './errors.ts';
export type { ChunkedUploadOptions, ProcessingState, Segment } from './http/chunked-upload.ts';
export { chunkedUpload } from './http/chunked-upload.ts';
export { untilDailyReset } from './http/daily-reset.ts';
export { encodeForm } from './http/encode.ts';
export type { ErrorInfo, ErrorTable, FieldError, Locator, ProviderResponse } from './http/error-table.ts';
export { mapErrorsFrom } from './http/error-table.ts';
export type { WaitSource } from './http/error-waits.ts';
export { waitFrom } from './http/error-waits.ts';
export { readPath } from './http/json-path.ts';
export type { ResumableUploadOptions } from './http/resumable-upload.ts';
export { RESUMABLE_CHUNK_UNIT, resumableUpload } from './http/resumable-upload.ts';
export { parseRetryAfter } from './http/status-errors.ts';
export type { AttemptReport, HttpClient, HttpMethod, HttpRequest, HttpResponse, PageOptions, RequestBody } from './http/types.ts';
export type { UploadContext, UploadRetryOptions } from './http/upload-retry.ts';
export type { UploadSource } from './http/upload-source.ts';
export type { LogEntry, Logger, LogLevel } from './logger.ts';
export type { ConnectedAccount, DiscoveredAccount } from './params/accounts.ts';
export { checkDiscovered, storedAccount } from './params/accounts.ts';
export {
  connectorUrls,
  hasTemplatedBaseUrls,
  hostTemplateProblem,
  parseConnectionParams,
  storedParams,
} from './params/connection-params.ts';
export type { HostPatterns } from './params/host-template.ts';
export { placeholdersOf, resolveHostTemplate } from './params/host-template.ts';
export { isSecretKey, REDACTED, redact, redactConnectorError, redactText, secretValues } from './redact.ts';
export type { RunActionOptions } from './run-action.ts';
export { runAction, runDiscover, runHealthCheck } from './run-action.ts';
export { runRequest } from './run-request.ts';
export type {
  AnyTrigger,
  HandshakeReply,
  ParseRequest,
  PollContext,
  PollingTriggerDefinition,
  SubscribeContext,
  SubscribeResult,
  TriggerDefinition,
  TriggerEventDraft,
  VerifyFailure,
  VerifyVerdict,
  WebhookRequest,
  WebhookTriggerDefinition,
} from './triggers/define-trigger.ts';
export { defineTrigger } from './triggers/define-trigger.ts';
export type { TriggerSetupOptions, WebhookReceipt } from './triggers/run-trigger.ts';
export { parseTriggerConfig, receiveWebhook, runPoll, runTriggerSetup, triggerOf } from './triggers/run-trigger.ts';
export type { DigestEncoding } from './triggers/signatures.ts';
export { digestsEqual, hmacSha256, timestampFresh, verifyHmacSha256 } from './triggers/signatures.ts';
export { SDK_MAJOR, SDK_VERSION } from './version.ts';
