import { z } from 'zod';
import { actionTimeoutMs } from './action-timeout.ts';
import { isGrantAuth } from './auth/grant-descriptors.ts';
import type { AnyConnector } from './define.ts';

export interface ActionDescription {
  name: string;
  description: string;
  scopes: readonly string[];
  idempotent: boolean;
  /** The header its changing requests carry the run's idempotency key in, if any: then they are safe to retry. */
  idempotencyHeader: string | undefined;
  destructive: boolean;
  /** Changes nothing at the provider. */
  readOnly: boolean;
  /** How long a call may run, in ms (the declared `timeoutMs` or the default). */
  timeoutMs: number;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
}

export interface TriggerDescription {
  name: string;
  kind: 'webhook' | 'polling';
  description: string;
  /** Webhook triggers that create their provider hook by API (no signing secret to paste). */
  createsHook: boolean;
  /**
   * Webhook triggers whose provider sends every account's events of one app to ONE URL (Slack's
   * Events API): they are also received at `POST /hooks/app/<connector id>`, the URL to set once
   * in the operator's provider app, and routed by provider account.
   */
  appLevel: boolean;
  /** Webhook triggers whose provider first checks the URL with a `GET ?hub.challenge=…` (Meta); the verify token is given out at subscribe. */
  hubChallenge: boolean;
  /** Polling triggers: the interval the connector proposes. */
  intervalMs: number | undefined;
  eventSchema: Record<string, unknown>;
  configSchema: Record<string, unknown> | undefined;
}

export interface ConnectorDescription {
  id: string;
  name: string;
  version: string;
  description: string;
  authKind: AnyConnector['auth']['kind'];
  scopes: readonly string[];
  baseUrls: readonly string[];
  /** JSON Schema of the connection parameters a frontend must collect before connecting (`connectionParams`), if any. */
  paramsSchema: Record<string, unknown> | undefined;
  /** Whether an account is chosen after connecting (`discover`; `connections.setAccount`). */
  choosesAccount: boolean;
  actions: ActionDescription[];
  triggers: TriggerDescription[];
}

/** The catalog entry for a connector: what it does, with JSON Schemas for every input and output. */
export function describeConnector(connector: AnyConnector): ConnectorDescription {
  return {
    id: connector.id,
    name: connector.name,
    version: connector.version,
    description: connector.description,
    authKind: connector.auth.kind,
    scopes: connector.auth.kind === 'oauth2' || isGrantAuth(connector.auth) ? connector.auth.scopes : [],
    baseUrls: connector.baseUrls,
    paramsSchema: connector.connectionParams
      ? (z.toJSONSchema(connector.connectionParams, { io: 'input' }) as Record<string, unknown>)
      : undefined,
    choosesAccount: connector.discover !== undefined,
    actions: Object.entries(connector.actions).map(([name, action]) => ({
      name,
      description: action.description,
      scopes: action.scopes ?? [],
      idempotent: action.idempotent ?? false,
      idempotencyHeader: action.idempotencyHeader === false ? undefined : (action.idempotencyHeader ?? connector.idempotencyHeader),
      destructive: action.destructive ?? false,
      readOnly: action.readOnly ?? false,
      timeoutMs: actionTimeoutMs(action),
      inputSchema: z.toJSONSchema(action.input, { io: 'input' }) as Record<string, unknown>,
      outputSchema: z.toJSONSchema(action.output, { io: 'output' }) as Record<string, unknown>,
    })),
    triggers: Object.entries(connector.triggers ?? {}).map(([name, trigger]) => ({
      name,
      kind: trigger.kind,
      description: trigger.description,
      createsHook: trigger.kind === 'webhook' && trigger.subscribe !== undefined,
      appLevel: trigger.kind === 'webhook' && trigger.accountOf !== undefined,
      hubChallenge: trigger.kind === 'webhook' && trigger.hubChallenge === true,
      intervalMs: trigger.kind === 'polling' ? trigger.intervalMs : undefined,
      eventSchema: z.toJSONSchema(trigger.event, { io: 'output' }) as Record<string, unknown>,
      configSchema: trigger.config ? (z.toJSONSchema(trigger.config, { io: 'input' }) as Record<string, unknown>) : undefined,
    })),
  };
}
