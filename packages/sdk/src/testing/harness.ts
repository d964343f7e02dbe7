/**
 * @module The test harness: runs a connector's actions against HTTP fixtures (undici MockAgent,
 * no network, no real account), records every outgoing request, every log line, every attempt
 * and every wait, and makes retry waits instant so 429/5xx sequences test in milliseconds.
 */
import { MockAgent } from 'undici';
import { runOAuthHook } from '../auth/oauth-hook-context.ts';
import type { OAuthHookContext } from '../auth/oauth-hooks.ts';
import type { AnyConnector, inferActionInput, inferActionNames, inferActionOutput } from '../define.ts';
import type { AttemptReport } from '../http/types.ts';
import type { LogEntry } from '../logger.ts';
import type { ConnectedAccount, DiscoveredAccount } from '../params/accounts.ts';
import { resolveHostTemplate } from '../params/host-template.ts';
import { runAction, runDiscover, runHealthCheck } from '../run-action.ts';
import type { TriggerEventDraft } from '../triggers/define-trigger.ts';
import { parseTriggerConfig, runPoll, runTriggerSetup, triggerOf } from '../triggers/run-trigger.ts';

export interface RecordedRequest {
  method: string;
  /** Origin, path and query. */
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
  json(): unknown;
  form(): URLSearchParams;
}

export interface HarnessOptions {
  credentials: Readonly<Record<string, unknown>>;
  /** `params` resolve templated base URLs (`https://{shop}.myshopify.com`); `account` is the chosen one (`discover`). */
  connection?: {
    id?: string;
    metadata?: Record<string, unknown>;
    scopes?: readonly string[];
    params?: Record<string, unknown>;
    account?: ConnectedAccount | null;
  };
}

export interface FixtureReply {
  /** Adds a one-time reply; chain several for a sequence (503, 503, 200). */
  reply(status: number, body?: unknown, headers?: Record<string, string>): FixtureReply;
  /** Replies this way to every matching request from now on. */
  always(status: number, body?: unknown, headers?: Record<string, string>): void;
}

export interface Harness<C extends AnyConnector> {
  /** Intercepts `method path` (a path under the first base URL, or an absolute URL; the query is ignored unless given). */
  on(method: string, path: string): FixtureReply;
  run<N extends inferActionNames<C>>(
    action: N,
    input: inferActionInput<C, N>,
    options?: { idempotencyKey?: string; signal?: AbortSignal },
  ): Promise<inferActionOutput<C, N>>;
  healthCheck(): Promise<void>;
  /**
   * Runs one of the connector's OAuth hooks (`afterExchange`, `refresh.run`, `revoke`) as the
   * engine does, against the same fixtures, with OAuth app `test-client-id` / `test-client-secret`.
   */
  oauthHook<T>(hook: (ctx: OAuthHookContext) => Promise<T>): Promise<T>;
  /** Runs the connector's `discover` (the accounts the grant can act for), checked. */
  discover(): Promise<DiscoveredAccount[]>;
  /** One poll of a polling trigger from `cursor`, its config parsed by the trigger's schema. */
  poll(
    trigger: string,
    cursor: string | null,
    config?: Record<string, unknown>,
  ): Promise<{ events: TriggerEventDraft[]; cursor: string | null }>;
  /**
   * Runs a webhook trigger's `subscribe` or `unsubscribe` (creating or removing the provider-side
   * hook) as the engine does, against the same fixtures; config parsed by the trigger's schema.
   */
  setupTrigger(
    trigger: string,
    step: 'subscribe' | 'unsubscribe',
    options?: { config?: Record<string, unknown>; callbackUrl?: string; secret?: string; state?: Record<string, unknown> },
  ): Promise<{ state?: Record<string, unknown>; secret?: string } | undefined>;
  readonly requests: RecordedRequest[];
  readonly logs: LogEntry[];
  readonly attempts: AttemptReport[];
  /** Waits the retry policy asked for, in ms (not actually waited). */
  readonly sleeps: number[];
  /** Fails if a fixture reply was never used. */
  assertAllUsed(): void;
  close(): Promise<void>;
}

function normalizeHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(headers))
    for (let i = 0; i + 1 < headers.length; i += 2) out[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
  else if (headers && typeof headers === 'object') for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}

/** Query parameters compared regardless of order, as servers read them. */
function sortedQuery(params: URLSearchParams): string {
  return [...params]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&');
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return '[stream or form data]';
}

/**
 * @example
 * const h = createTestHarness(slack, { credentials: { accessToken: 'xoxb-test' } });
 * h.on('POST', '/chat.postMessage').reply(200, { ok: true, ts: '1.2', channel: 'C1' });
 * const out = await h.run('postMessage', { channel: 'C1', text: 'hi' });
 * expect(h.requests[0]?.json()).toMatchObject({ channel: 'C1' });
 */
/** Where relative fixture paths go: the first base URL, resolved; a template that does not resolve fails at run time instead. */
function firstBaseUrl(connector: AnyConnector, params: Readonly<Record<string, unknown>>): string {
  const first = connector.baseUrls[0];
  try {
    return first ? resolveHostTemplate(first, params, connector.hostPatterns) : 'https://invalid.example';
  } catch {
    return 'https://invalid.example';
  }
}

export function createTestHarness<C extends AnyConnector>(connector: C, options: HarnessOptions): Harness<C> {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const requests: RecordedRequest[] = [];
  const logs: LogEntry[] = [];
  const attempts: AttemptReport[] = [];
  const sleeps: number[] = [];
  const base = new URL(firstBaseUrl(connector, options.connection?.params ?? {}));

  function intercept(method: string, path: string) {
    const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(`${base.href.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
    const wantsQuery = path.includes('?');
    const expectedQuery = sortedQuery(url.searchParams);
    return agent.get(url.origin).intercept({
      method: method.toUpperCase(),
      path: (actual: string) => {
        const parsed = new URL(actual, url.origin);
        return parsed.pathname === url.pathname && (!wantsQuery || sortedQuery(parsed.searchParams) === expectedQuery);
      },
    });
  }

  function responder(status: number, body: unknown, headers: Record<string, string> = {}) {
    return (opts: { origin?: unknown; path: string; method: string; headers?: unknown; body?: unknown }) => {
      const text = bodyText(opts.body);
      requests.push({
        method: opts.method,
        url: `${String(opts.origin ?? base.origin).replace(/\/+$/, '')}${opts.path}`,
        headers: normalizeHeaders(opts.headers),
        body: text,
        json: () => JSON.parse(text ?? 'null'),
        form: () => new URLSearchParams(text ?? ''),
      });
      const isJson = body !== undefined && typeof body !== 'string';
      return {
        statusCode: status,
        data: isJson ? JSON.stringify(body) : (body ?? ''),
        responseOptions: { headers: { ...(isJson ? { 'content-type': 'application/json' } : {}), ...headers } },
      };
    };
  }

  const common = () => ({
    credentials: options.credentials,
    connection: options.connection ?? {},
    dispatcher: agent,
    onLog: (entry: LogEntry) => logs.push(entry),
    onAttempt: (report: AttemptReport) => attempts.push(report),
    retry: {
      sleep: async (ms: number) => {
        sleeps.push(ms);
      },
    },
  });

  return {
    on(method, path) {
      const builder: FixtureReply = {
        reply(status, body, headers) {
          intercept(method, path).reply(responder(status, body, headers));
          return builder;
        },
        always(status, body, headers) {
          intercept(method, path)
            .reply(responder(status, body, headers))
            .persist();
        },
      };
      return builder;
    },
    async run(action, input, runOptions = {}) {
      return (await runAction(connector, action, { ...common(), input, ...runOptions })) as inferActionOutput<C, typeof action>;
    },
    healthCheck: () => runHealthCheck(connector, common()),
    oauthHook: (hook) =>
      runOAuthHook(
        connector,
        {
          client: { id: 'test-client-id', secret: 'test-client-secret' },
          redirectUri: 'http://127.0.0.1/oauth/callback',
          dispatcher: agent,
        },
        hook,
      ),
    discover: () => runDiscover(connector, common()),
    async poll(name, cursor, config = {}) {
      const trigger = triggerOf(connector, name);
      if (trigger.kind !== 'polling') throw new Error(`${connector.id}.${name} is not a polling trigger`);
      return runPoll(connector, trigger, { ...common(), config: parseTriggerConfig(trigger, config), cursor });
    },
    setupTrigger(name, step, setup = {}) {
      const trigger = triggerOf(connector, name);
      if (trigger.kind !== 'webhook') throw new Error(`${connector.id}.${name} is not a webhook trigger`);
      return runTriggerSetup(connector, trigger, step, {
        ...common(),
        config: parseTriggerConfig(trigger, setup.config ?? {}),
        callbackUrl: setup.callbackUrl ?? 'https://patchbay.example/hooks/00000000-0000-4000-8000-000000000000',
        secret: setup.secret ?? 'test-subscription-secret',
        ...(setup.state ? { state: setup.state } : {}),
      });
    },
    requests,
    logs,
    attempts,
    sleeps,
    assertAllUsed: () => agent.assertNoPendingInterceptors(),
    close: () => agent.close(),
  };
}
