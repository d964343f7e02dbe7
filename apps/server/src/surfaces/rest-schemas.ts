/**
 * @module The shapes the `/v1` routes answer, as zod schemas: the OpenAPI document is generated
 * from them, and the tests check every response against that document.
 */
import { API_ERROR_CODES, FAILURE_REASONS } from '@patchbay/api';
import { z } from 'zod';

const timestamp = z.iso.datetime({ offset: true });
const uuid = z.uuid();

export const runStatus = z.enum(['queued', 'running', 'succeeded', 'failed', 'dead', 'cancelled']);
export const connectionStatus = z.enum(['active', 'needs_reauth', 'revoked', 'error']);

export const runSummary = z.object({
  id: uuid,
  connectionId: uuid,
  connectorId: z.string(),
  action: z.string(),
  connectorVersion: z.string(),
  mode: z.enum(['sync', 'async']),
  status: runStatus,
  idempotencyKey: z.string().nullable(),
  channel: z.enum(['trpc', 'rest', 'mcp', 'proxy']).meta({ description: 'The surface the run came through' }),
  createdBy: z.string().nullable().meta({ description: '`user:<id>` or `api_key:<id>`' }),
  attempt: z.int(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  durationMs: z.int().nullable(),
  error: z.record(z.string(), z.unknown()).nullable(),
});

const runAttempt = z.object({
  attempt: z.int(),
  try: z.int(),
  method: z.string(),
  url: z.string(),
  startedAt: timestamp,
  endedAt: timestamp,
  outcome: z.enum(['ok', 'error']),
  errorCode: z.string().optional(),
  httpStatus: z.int().optional(),
});

export const runDetail = runSummary.extend({
  input: z.unknown(),
  output: z.unknown(),
  attempts: z.array(runAttempt),
  maxAttempts: z.int(),
});

export const runPage = z.object({
  runs: z.array(runSummary),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page' }),
});

export const connection = z.object({
  id: uuid,
  connectorId: z.string(),
  name: z.string().nullable(),
  authKind: z.enum(['oauth2', 'apiKey', 'basic', 'none', 'clientCredentials', 'jwtBearer']),
  status: connectionStatus,
  scopes: z.array(z.string()),
  expiresAt: timestamp.nullable(),
  providerAccountId: z.string().nullable(),
  endUserId: z.string().nullable(),
  metadata: z.unknown(),
  lastError: z.string().nullable(),
  lastErrorAt: timestamp.nullable(),
  refreshedAt: timestamp.nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** A row of `connections.list`: the connection and its newest run, if it ever ran. */
const connectionListItem = connection.extend({
  lastRun: z
    .object({ id: uuid, action: z.string(), status: runStatus, createdAt: timestamp })
    .nullable()
    .meta({ description: "The connection's newest run" }),
});

export const connectionList = z.object({
  connections: z.array(connectionListItem),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page' }),
});

export const triggerSubscriptionList = z.object({
  subscriptions: z.array(
    z.object({
      id: uuid,
      connectionId: uuid,
      connectorId: z.string(),
      trigger: z.string(),
      config: z.unknown(),
      status: z.enum(['active', 'failed']),
      lastError: z.string().nullable(),
      pollIntervalMs: z.int().nullable(),
      lastEventAt: timestamp.nullable(),
      createdAt: timestamp,
    }),
  ),
});

export const errorEnvelopeSchema = z.object({
  error: z.object({
    message: z.string(),
    code: z.enum(API_ERROR_CODES).meta({ description: 'The transport-level code (tRPC’s)' }),
    httpStatus: z.int(),
    path: z.string().optional().meta({ description: 'The procedure, or for INVALID_INPUT the field path' }),
    requestId: z.string().optional(),
    reason: z
      .enum(FAILURE_REASONS as [string, ...string[]])
      .optional()
      .meta({ description: 'The precise failure: provider (RATE_LIMITED, AUTH_EXPIRED, ...), engine or account' }),
    retryAfterMs: z.number().optional().meta({ description: "From the provider's own signal (Retry-After, reset headers)" }),
    connectionStatus: z.string().optional(),
    upstreamStatus: z.int().optional(),
    providerCode: z.string().optional(),
    runId: uuid.optional().meta({ description: 'The failed run, to read with GET /v1/runs/{id}' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** The body of `POST /v1/actions/{connectorId}/{action}` around the action's own input. */
export function actionRequest(input: z.ZodType) {
  return z.object({
    connectionId: uuid.meta({ description: 'The connection to act as (GET /v1/connections)' }),
    input,
    idempotencyKey: z
      .string()
      .min(1)
      .max(255)
      .optional()
      .meta({ description: 'Same key and input: the stored result; the provider is called once' }),
  });
}
