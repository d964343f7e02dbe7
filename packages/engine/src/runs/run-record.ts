/**
 * @module What a run record keeps of a call: input and output redacted and size-capped, the
 * error as a ConnectorError's public fields, the provider attempts without query strings.
 */
import type { RunAttempt } from '@patchbay/db';
import { type AttemptReport, CONNECTOR_ERROR_CODES, ConnectorError, type ConnectorErrorCode, redactText } from '@patchbay/sdk';
import { EngineError } from '../engine-error.ts';
import { redactForRecord } from '../redact.ts';
import { storableText } from '../storable-text.ts';

/**
 * The larger cap the queue keeps for values it reads back (a queued run's input; a keyed queued
 * run's output). Synchronous replays read the sealed copy instead (run-output.ts).
 */
export const REPLAY_OUTPUT_MAX_BYTES = 1024 * 1024;

export interface RecordedError {
  code: string;
  message: string;
  status?: number | undefined;
  retryAfterMs?: number | undefined;
  providerCode?: string | undefined;
  path?: string | undefined;
  connectionStatus?: string | undefined;
}

export function recordAttempt(attempt: number, report: AttemptReport): RunAttempt {
  let url = report.url;
  try {
    const parsed = new URL(report.url);
    url = `${parsed.origin}${parsed.pathname}`;
  } catch {
    url = report.url.split('?')[0] ?? '';
  }
  return {
    attempt,
    try: report.attempt,
    method: report.method,
    url,
    startedAt: report.startedAt.toISOString(),
    endedAt: report.endedAt.toISOString(),
    outcome: report.outcome,
    errorCode: report.errorCode,
    httpStatus: report.status,
  };
}

export function recordError(error: unknown, secrets: readonly string[]): RecordedError {
  if (error instanceof ConnectorError) {
    const json = error.toJSON();
    // Every text field: a provider's echo of a credential can land in any of them (F4).
    const text = (value: string | undefined) => (value === undefined ? undefined : storableText(redactText(value, secrets)));
    return {
      ...json,
      message: String(redactForRecord(json.message, { secrets }).value),
      providerCode: text(json.providerCode),
      path: text(json.path),
    };
  }
  if (error instanceof EngineError)
    return { code: error.code, message: storableText(error.message), connectionStatus: error.connectionStatus };
  return { code: 'INTERNAL', message: 'Internal error' };
}

export function recordValue(value: unknown, secrets: readonly string[], forReplay = false): string {
  const redacted = redactForRecord(value ?? null, forReplay ? { secrets, maxBytes: REPLAY_OUTPUT_MAX_BYTES } : { secrets });
  return JSON.stringify(redacted.value);
}

/** A stored error, thrown again (an idempotent replay of a failed call). */
export function rethrow(recorded: RecordedError): never {
  if (recorded.code in ENGINE_CODES) {
    throw new EngineError(recorded.code as EngineError['code'], recorded.message, {
      connectionStatus: recorded.connectionStatus as EngineError['connectionStatus'],
    });
  }
  const code = (CONNECTOR_ERROR_CODES as readonly string[]).includes(recorded.code)
    ? (recorded.code as ConnectorErrorCode)
    : 'CONNECTOR_FAILURE';
  throw new ConnectorError(code, recorded.message, {
    status: recorded.status,
    retryAfterMs: recorded.retryAfterMs,
    providerCode: recorded.providerCode,
    path: recorded.path,
  });
}

const ENGINE_CODES = {
  CONNECTOR_NOT_INSTALLED: 1,
  CONNECTION_NOT_FOUND: 1,
  CONNECTION_MISMATCH: 1,
  CONNECTION_INACTIVE: 1,
  CREDENTIALS_UNREADABLE: 1,
  OAUTH_APP_MISSING: 1,
  IDEMPOTENCY_CONFLICT: 1,
  IDEMPOTENCY_PENDING: 1,
  RETURN_TO_NOT_ALLOWED: 1,
  OAUTH_FLOW: 1,
  CONNECT_TOKEN_INVALID: 1,
  RUN_NOT_FOUND: 1,
  SUBSCRIPTION_NOT_FOUND: 1,
  RUN_STATE: 1,
  ACCOUNT_NOT_CHOSEN: 1,
  ACCOUNT_NOT_FOUND: 1,
  NO_ACCESS_TOKEN: 1,
} satisfies Record<EngineError['code'], 1>;
