/**
 * @module Triggers: how a connector tells Patchbay about things that happen at the provider.
 * A webhook trigger verifies and parses requests the provider sends; a polling trigger asks the
 * provider for what is new since a cursor. Both are typed by a zod `event` schema.
 */
import type { z } from 'zod';
import type { ActionContext } from '../define.ts';

/** One request as received, before anything trusts it. */
export interface WebhookRequest {
  /** The exact bytes received: signatures are computed over these, never over re-serialized JSON. */
  rawBody: Uint8Array;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string>>;
  /** The subscription's signing secrets, newest first (more than one while a secret is rotated). */
  secrets: readonly string[];
  /** The receiving time, for replay windows on signed timestamps. */
  now: Date;
  /**
   * The public URL the provider sent the request to, with its query string
   * (`<PATCHBAY_PUBLIC_URL>/hooks/<id>?a=b`): Twilio signs the URL along with the parameters.
   */
  url: string;
}

/** Why a request was refused; the receiver counts refusals by reason and tells the sender nothing. */
export type VerifyFailure = 'missing' | 'mismatch' | 'stale';
export type VerifyVerdict = { ok: true } | { ok: false; reason: VerifyFailure };

/** A reply to a provider's challenge (Slack `url_verification`), sent instead of storing events. */
export interface HandshakeReply {
  status?: number;
  contentType?: string;
  body: string;
}

/** One event as a trigger reports it. */
export interface TriggerEventDraft<P = unknown> {
  /** The provider's id for the event: receipts of the same id are stored once. */
  id: string;
  /** The provider's event type (`invoice.paid`, `issues`). */
  type: string;
  /** The provider account it belongs to (Stripe account, GitHub installation, Slack team), when known. */
  accountId?: string | undefined;
  payload: P;
}

export interface ParseRequest<Cfg> {
  rawBody: Uint8Array;
  /** The body decoded as UTF-8. */
  text: string;
  headers: Readonly<Record<string, string>>;
  /** The subscription's config, parsed by the trigger's `config` schema. */
  config: Cfg;
}

/** What `subscribe` and `unsubscribe` get: an action's context plus the subscription. */
export interface SubscribeContext<Cfg> extends ActionContext {
  config: Cfg;
  /** The public URL the provider must send this subscription's events to. */
  callbackUrl: string;
  /** The signing secret Patchbay generated for this subscription, to register with the provider. */
  secret: string;
}

/** What `subscribe` reports back: state `unsubscribe` needs later, and the provider's secret if it made one. */
export interface SubscribeResult {
  state?: Record<string, unknown>;
  secret?: string;
}

// biome-ignore lint/complexity/noBannedTypes: a trigger without config takes an empty object.
type NoConfig = z.ZodType<{}>;

interface TriggerBase<E extends z.ZodType, C extends z.ZodType> {
  description: string;
  /** The event payload's schema: parsed events are validated by it before they are stored. */
  event: E;
  /** What a tenant chooses when subscribing (event types, repository); validated at subscribe. */
  config?: C;
}

export interface WebhookTriggerDefinition<E extends z.ZodType = z.ZodType, C extends z.ZodType = NoConfig> extends TriggerBase<E, C> {
  kind: 'webhook';
  /** Checks the signature over `rawBody` (and a signed timestamp's age); runs before anything else. */
  verify(request: WebhookRequest): VerifyVerdict;
  /** Answers a verified challenge request; return undefined for ordinary deliveries. */
  handshake?(request: WebhookRequest & { text: string }): HandshakeReply | undefined;
  /**
   * For providers that send every account's events of one app to ONE URL (Slack's Events API):
   * the provider account a verified request belongs to (Slack's `team_id`). A trigger with it is
   * also received at `POST /hooks/app/<connector id>`, verified with the operator OAuth app's
   * `signingSecret`, and routed to the subscriptions whose connection has that provider account.
   */
  accountOf?(request: { text: string; headers: Readonly<Record<string, string>> }): string | undefined;
  /**
   * The provider checks the URL with a `GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
   * before sending events (Meta's Graph API webhooks): Patchbay answers the challenge when the
   * verify token matches the one it gave out at subscribe (`verifyToken`), compared in constant time.
   */
  hubChallenge?: boolean;
  /**
   * The provider signs every delivery with the OAuth app's client secret (Shopify), not with a
   * secret per subscription: Patchbay keeps the client secret of the connection's OAuth app as
   * the subscription's signing secret (`subscribe` still gets a generated one it may ignore).
   */
  signedWithClientSecret?: boolean;
  /** Turns a verified request into events; an event type the config does not want is left out. */
  parse(request: ParseRequest<z.output<C>>): TriggerEventDraft<z.input<E>>[];
  /** Creates the provider-side subscription (a GitHub repository hook) pointing at `callbackUrl`. */
  subscribe?(ctx: SubscribeContext<z.output<C>>): Promise<SubscribeResult | undefined>;
  /** Removes it again, given the state `subscribe` returned. */
  unsubscribe?(ctx: SubscribeContext<z.output<C>> & { state: Readonly<Record<string, unknown>> }): Promise<void>;
}

export interface PollContext<Cfg> extends ActionContext {
  config: Cfg;
}

export interface PollingTriggerDefinition<E extends z.ZodType = z.ZodType, C extends z.ZodType = NoConfig> extends TriggerBase<E, C> {
  kind: 'polling';
  /** How often to poll, as the connector proposes it; a tenant may only lengthen it. */
  intervalMs: number;
  /** What is new since `cursor` (null on the first poll), and the cursor to continue from. */
  poll(ctx: PollContext<z.output<C>>, cursor: string | null): Promise<{ events: TriggerEventDraft<z.input<E>>[]; cursor: string | null }>;
}

export type TriggerDefinition<E extends z.ZodType = z.ZodType, C extends z.ZodType = NoConfig> =
  | WebhookTriggerDefinition<E, C>
  | PollingTriggerDefinition<E, C>;

// biome-ignore lint/suspicious/noExplicitAny: a trigger of any event and config schema.
export type AnyTrigger = WebhookTriggerDefinition<any, any> | PollingTriggerDefinition<any, any>;

/**
 * Declares one trigger. Returns its argument, frozen; payload and config types flow from the
 * zod schemas.
 *
 * @example
 * export const paid = defineTrigger({
 *   kind: 'webhook',
 *   description: 'An invoice was paid',
 *   event: z.object({ invoice: z.string() }),
 *   verify: ({ rawBody, headers, secrets }) => verifyHmacSha256({ rawBody, secrets, signature: headers['x-signature'] }),
 *   parse: ({ text }) => {
 *     const body = JSON.parse(text);
 *     return [{ id: body.id, type: 'invoice.paid', payload: { invoice: body.invoice } }];
 *   },
 * });
 */
export function defineTrigger<const E extends z.ZodType, const C extends z.ZodType = NoConfig>(
  definition: WebhookTriggerDefinition<E, C>,
): Readonly<WebhookTriggerDefinition<E, C>>;
export function defineTrigger<const E extends z.ZodType, const C extends z.ZodType = NoConfig>(
  definition: PollingTriggerDefinition<E, C>,
): Readonly<PollingTriggerDefinition<E, C>>;
export function defineTrigger(definition: AnyTrigger): Readonly<AnyTrigger> {
  return Object.freeze(definition);
}
