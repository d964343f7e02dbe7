/**
 * @module Running a trigger's parts the way the engine and the test harness both do: receiving
 * a webhook (verify on the exact bytes first, then a handshake or parse, then each event checked
 * against the trigger's schema), setting a subscription up or down, and one poll.
 */
import type { z } from 'zod';
import type { AnyConnector } from '../define.ts';
import { ConnectorError } from '../errors.ts';
import { secretValues } from '../redact.ts';
import { buildContext, guarded, type RunActionOptions } from '../run-action.ts';
import type {
  AnyTrigger,
  HandshakeReply,
  PollingTriggerDefinition,
  TriggerEventDraft,
  VerifyFailure,
  WebhookRequest,
  WebhookTriggerDefinition,
} from './define-trigger.ts';

export type WebhookReceipt =
  | { kind: 'refused'; reason: VerifyFailure }
  | { kind: 'handshake'; reply: HandshakeReply }
  /** Signed correctly, but its body is not what the trigger understands: nothing is stored. */
  | { kind: 'malformed'; message: string }
  | { kind: 'events'; events: TriggerEventDraft[] };

/** The trigger named `name` on the connector, or a NOT_FOUND ConnectorError. */
export function triggerOf(connector: AnyConnector, name: string): AnyTrigger {
  const triggers = connector.triggers ?? {};
  const trigger = Object.hasOwn(triggers, name) ? triggers[name] : undefined;
  if (!trigger) throw new ConnectorError('NOT_FOUND', `Connector ${connector.id} has no trigger ${name}`);
  return trigger;
}

/** The subscription's config, parsed by the trigger's schema (an empty object when it has none). */
export function parseTriggerConfig(trigger: AnyTrigger, raw: unknown): Record<string, unknown> {
  if (!trigger.config) return {};
  const parsed = trigger.config.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  throw new ConnectorError('INVALID_INPUT', `Invalid trigger config${path ? ` at ${path}` : ''}: ${issue?.message ?? 'invalid'}`, { path });
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Verifies, then answers a challenge or parses: what to do with one received request. */
export function receiveWebhook(
  trigger: WebhookTriggerDefinition<z.ZodType, z.ZodType>,
  request: WebhookRequest,
  config: unknown,
): WebhookReceipt {
  const verdict = trigger.verify(request);
  if (!verdict.ok) return { kind: 'refused', reason: verdict.reason };
  const text = decoder.decode(request.rawBody);
  const reply = trigger.handshake?.({ ...request, text });
  if (reply) return { kind: 'handshake', reply };
  let drafts: TriggerEventDraft[];
  try {
    drafts = trigger.parse({ rawBody: request.rawBody, text, headers: request.headers, config });
  } catch {
    return { kind: 'malformed', message: 'The payload could not be parsed' };
  }
  const events: TriggerEventDraft[] = [];
  for (const draft of drafts) {
    const payload = trigger.event.safeParse(draft.payload);
    if (!payload.success || typeof draft.id !== 'string' || draft.id === '' || draft.id.length > 255) {
      return { kind: 'malformed', message: 'An event did not match the trigger schema' };
    }
    events.push({ ...draft, payload: payload.data });
  }
  return { kind: 'events', events };
}

export interface TriggerSetupOptions extends Omit<RunActionOptions, 'input'> {
  config: Record<string, unknown>;
  callbackUrl: string;
  secret: string;
  /** What `subscribe` returned, for `unsubscribe`. */
  state?: Readonly<Record<string, unknown>>;
}

const SETUP_TIMEOUT_MS = 30_000;

/** Runs a webhook trigger's `subscribe` (or `unsubscribe`) with an action's context; a trigger without one does nothing. */
export async function runTriggerSetup(
  connector: AnyConnector,
  trigger: AnyTrigger,
  step: 'subscribe' | 'unsubscribe',
  options: TriggerSetupOptions,
): Promise<{ state?: Record<string, unknown>; secret?: string } | undefined> {
  if (trigger.kind !== 'webhook') return undefined;
  const secrets = [...secretValues(options.credentials), options.secret];
  return guarded(SETUP_TIMEOUT_MS, options.signal, secrets, async (signal) => {
    // Creating a provider hook is not idempotent: one try, as for a POST without a key.
    const ctx = buildContext(connector, { ...options, input: undefined }, { retry: { attempts: 1 } }, signal);
    const setup = { ...ctx, config: options.config, callbackUrl: options.callbackUrl, secret: options.secret };
    if (step === 'subscribe') return (await trigger.subscribe?.(setup)) ?? undefined;
    await trigger.unsubscribe?.({ ...setup, state: options.state ?? {} });
    return undefined;
  });
}

/** One poll of a polling trigger, its events checked against the trigger's schema. */
export async function runPoll(
  connector: AnyConnector,
  trigger: PollingTriggerDefinition<z.ZodType, z.ZodType>,
  options: Omit<RunActionOptions, 'input'> & { config: Record<string, unknown>; cursor: string | null },
): Promise<{ events: TriggerEventDraft[]; cursor: string | null }> {
  return guarded(SETUP_TIMEOUT_MS, options.signal, secretValues(options.credentials), async (signal) => {
    const ctx = buildContext(connector, { ...options, input: undefined }, { idempotent: true }, signal);
    const result = await trigger.poll({ ...ctx, config: options.config }, options.cursor);
    const events = result.events.map((draft) => {
      const payload = trigger.event.safeParse(draft.payload);
      if (!payload.success) throw new ConnectorError('UPSTREAM_CONTRACT', `Polled event ${draft.id} did not match the trigger schema`);
      return { ...draft, payload: payload.data };
    });
    return { events, cursor: result.cursor };
  });
}
