/**
 * Slack's Events API end to end through the real server, real Postgres and a real worker: Slack
 * sends every workspace's events to ONE app-level URL, `POST /hooks/app/slack`, signed with the
 * operator app's signing secret. The server verifies `X-Slack-Signature` on the raw bytes (and
 * the 5-minute timestamp window), answers `url_verification` only when signed, and routes by
 * `team_id` to the subscriptions whose Slack connection belongs to that workspace: an event sent
 * three times is stored and delivered once, and one workspace's events never reach another
 * tenant. The token endpoint is faked with undici's MockAgent.
 */
import slack, { signSlackRequest } from '@patchbay/connector-slack';
import { type RunningWorker, startWorker } from '@patchbay/engine';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type HookCounters, newHookCounters } from '../hooks-route.ts';
import { HttpSession, ok } from '../testing/http-session.ts';
import { hop } from '../testing/oauth-browser.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';

const SIGNING_SECRET = 'slack-app-signing-secret';

let server: TestServer;
let worker: RunningWorker;
let agent: MockAgent;
let previous: Dispatcher;
const counters: HookCounters = newHookCounters();

interface Tenant {
  owner: HttpSession;
  receiver: WebhookReceiver;
  connectionId: string;
}
let a: Tenant;
let b: Tenant;
let appSubA: string;

/** A tenant with a webhook endpoint and a Slack connection to workspace `team`, made through our OAuth routes. */
async function tenantOnTeam(name: string, team: string): Promise<Tenant> {
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `${name}-${Date.now()}@example.com`);
  const org = ok(await user.mutation('orgs.create', { name })).id as string;
  const owner = user.withOrg(org);
  const receiver = await startWebhookReceiver();
  ok(await owner.mutation('webhooks.create', { url: receiver.url, events: ['trigger.event'] }));
  agent
    .get('https://slack.com')
    .intercept({ path: '/api/oauth.v2.access', method: 'POST' })
    .reply(
      200,
      { ok: true, access_token: `xoxb-${team}`, token_type: 'bot', scope: 'chat:write', team: { id: team, name } },
      { headers: { 'content-type': 'application/json' } },
    );
  const authorize = await hop(`${server.url}/oauth/slack/authorize?org=${org}`, owner);
  const state = (authorize.location as URL).searchParams.get('state') ?? '';
  const back = await hop(`${server.url}/oauth/callback?code=fake-code&state=${encodeURIComponent(state)}`, owner);
  const connectionId = back.location?.searchParams.get('connection_id');
  if (!connectionId) throw new Error(`connect failed: ${back.location} ${back.text}`);
  return { owner, receiver, connectionId };
}

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent);
  server = await startTestServer({
    connectors: [slack],
    oauthApps: { slack: { clientId: 'slack-client', clientSecret: 'slack-client-secret', signingSecret: SIGNING_SECRET } },
    edge: { hookCounters: counters },
  });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
  a = await tenantOnTeam('TenantA', 'T0AAAAAAA');
  b = await tenantOnTeam('TenantB', 'T0BBBBBBB');
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await a?.receiver.close();
  await b?.receiver.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

const appUrl = () => `${server.url}/hooks/app/slack`;
const post = (body: string | Buffer, headers: Record<string, string>, url = appUrl()) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

const callback = (team: string, eventId: string, type = 'app_mention') =>
  JSON.stringify({
    token: 'legacy',
    team_id: team,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    event: { type, user: 'U1', text: '<@U0BOT> hi', channel: 'C1', ts: '1700000000.000100' },
  });

const eventIds = async (t: Tenant, subscriptionId: string) =>
  ok(await t.owner.query('events.list', { subscriptionId })).events.map((e: { providerEventId: string }) => e.providerEventId);
const delivered = (t: Tenant) => t.receiver.deliveries.filter((d) => d.event.type === 'trigger.event');

describe('slack.event through POST /hooks/app/slack', () => {
  it('subscribes at the app URL, answers a signed challenge, stores and delivers once per team, and keeps teams apart', async () => {
    const subA = ok(await a.owner.mutation('triggers.subscribe', { connectionId: a.connectionId, trigger: 'event' }));
    const subB = ok(await b.owner.mutation('triggers.subscribe', { connectionId: b.connectionId, trigger: 'event' }));
    expect(subA.url).toBe(appUrl());
    appSubA = subA.id;
    // A subscription made with the tenant's own app's secret gets its own URL, and none of the operator app's events.
    const ownApp = ok(
      await a.owner.mutation('triggers.subscribe', {
        connectionId: a.connectionId,
        trigger: 'event',
        signingSecret: 'own-slack-app-secret',
      }),
    );
    expect(ownApp.url).toBe(`${server.url}/hooks/${ownApp.id}`);

    const challenge = JSON.stringify({ token: 'legacy', challenge: 'challenge-abc', type: 'url_verification' });
    const unsigned = await post(challenge, {});
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).toBe('');
    const answered = await post(challenge, signSlackRequest(challenge, SIGNING_SECRET));
    expect(answered.status).toBe(200);
    expect(await answered.text()).toBe('challenge-abc');

    const body = callback('T0AAAAAAA', 'Ev0A1');
    for (let i = 0; i < 3; i++) expect((await post(body, signSlackRequest(body, SIGNING_SECRET))).status).toBe(200);
    const bBody = callback('T0BBBBBBB', 'Ev0B1', 'message');
    expect((await post(bBody, signSlackRequest(bBody, SIGNING_SECRET))).status).toBe(200);

    expect(await eventIds(a, subA.id)).toEqual(['Ev0A1']);
    expect(await eventIds(b, subB.id)).toEqual(['Ev0B1']);
    expect(await eventIds(a, ownApp.id)).toEqual([]);
    await vi.waitFor(() => expect(delivered(a)).toHaveLength(1), { timeout: 20_000, interval: 100 });
    await vi.waitFor(() => expect(delivered(b)).toHaveLength(1), { timeout: 20_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(delivered(a)).toHaveLength(1);
    expect(delivered(a)[0]?.event.data).toMatchObject({
      connectionId: a.connectionId,
      providerAccountId: 'T0AAAAAAA',
      type: 'app_mention',
    });
    expect(delivered(b)).toHaveLength(1);
    expect(delivered(b)[0]?.event.data).toMatchObject({ connectionId: b.connectionId, providerAccountId: 'T0BBBBBBB', type: 'message' });
  });

  it('refuses a tampered byte, a wrong secret, a stale timestamp and no signature, storing nothing', async () => {
    const before = { ...counters };
    const body = callback('T0AAAAAAA', 'Ev0A2');
    const tampered = Buffer.from(body);
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 1;
    for (const [bytes, headers] of [
      [tampered, signSlackRequest(body, SIGNING_SECRET)],
      [body, signSlackRequest(body, 'someone-elses-secret')],
      [body, signSlackRequest(body, SIGNING_SECRET, new Date(Date.now() - 6 * 60_000))],
      [body, {}],
    ] as const) {
      const res = await post(bytes, headers);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
    }
    expect(counters.mismatch - before.mismatch).toBe(2);
    expect(counters.stale - before.stale).toBe(1);
    expect(counters.missing - before.missing).toBe(1);
    expect(await eventIds(a, appSubA)).toEqual(['Ev0A1']);
  });

  it('answers 404 for a connector without an app-level trigger or signing secret', async () => {
    const res = await post('{}', {}, `${server.url}/hooks/app/github`);
    expect(res.status).toBe(404);
  });
});
