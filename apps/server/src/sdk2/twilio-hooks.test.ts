/**
 * Twilio's inbound SMS and status callbacks end to end through the real server, real Postgres and
 * a real worker: subscribing points the number's SmsUrl at the subscription URL (Twilio's API
 * faked with undici's MockAgent), and form-encoded requests signed with `X-Twilio-Signature`
 * (HMAC-SHA1 of the full URL, query included, and the sorted parameters under the auth token)
 * are stored and delivered once though sent three times; a tampered byte, another account's
 * token, another URL and no signature are refused, and nothing lands in another tenant.
 */
import twilioSms, { signTwilioRequest } from '@patchbay/connector-twilio-sms';
import { type RunningWorker, startWorker } from '@patchbay/engine';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpSession, ok } from '../testing/http-session.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';

const TWILIO = 'https://api.twilio.com';
const PHONE = `PN${'b'.repeat(32)}`;

let server: TestServer;
let worker: RunningWorker;
let agent: MockAgent;
let previous: Dispatcher;
const numberUpdates: string[] = [];

interface Tenant {
  owner: HttpSession;
  receiver: WebhookReceiver;
  connectionId: string;
  accountSid: string;
  authToken: string;
}
let a: Tenant;
let b: Tenant;

async function tenant(name: string, digit: string): Promise<Tenant> {
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `${name}-${Date.now()}@example.com`);
  const owner = user.withOrg(ok(await user.mutation('orgs.create', { name })).id);
  const receiver = await startWebhookReceiver();
  ok(await owner.mutation('webhooks.create', { url: receiver.url, events: ['trigger.event'] }));
  const accountSid = `AC${digit.repeat(32)}`;
  const authToken = `token-${name}-0123456789`;
  agent
    .get(TWILIO)
    .intercept({ path: `/2010-04-01/Accounts/${accountSid}.json`, method: 'GET' })
    .reply(200, { sid: accountSid, status: 'active' }, { headers: { 'content-type': 'application/json' } });
  const connectionId = ok(
    await owner.mutation('connections.create', { connectorId: 'twilio-sms', credentials: { accountSid, authToken } }),
  ).id;
  return { owner, receiver, connectionId, accountSid, authToken };
}

function fakeNumberUpdate(accountSid: string) {
  agent
    .get(TWILIO)
    .intercept({ path: `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${PHONE}.json`, method: 'POST' })
    .reply((options) => {
      numberUpdates.push(String(options.body));
      return {
        statusCode: 200,
        data: JSON.stringify({ sid: PHONE }),
        responseOptions: { headers: { 'content-type': 'application/json' } },
      };
    });
}

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent);
  server = await startTestServer({ connectors: [twilioSms] });
  worker = await startWorker({ engine: server.engine, pool: server.database.pool, pollIntervalMs: 100 });
  a = await tenant('TwilioA', 'a');
  b = await tenant('TwilioB', 'c');
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await a?.receiver.close();
  await b?.receiver.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

const post = (url: string, body: string | Buffer, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
const sign = (url: string, body: string, token: string) => signTwilioRequest(body, token, new Date(), url);
const eventIds = async (t: Tenant, subscriptionId: string) =>
  ok(await t.owner.query('events.list', { subscriptionId })).events.map((e: { providerEventId: string }) => e.providerEventId);
const delivered = (t: Tenant) => t.receiver.deliveries.filter((d) => d.event.type === 'trigger.event');

async function sendThrice(url: string, body: string, token: string) {
  for (let i = 0; i < 3; i++) expect((await post(url, body, sign(url, body, token))).status).toBe(200);
}

describe('twilio-sms triggers through POST /hooks/:id', () => {
  it('points the number at the subscription, stores an inbound SMS and a status once each, and refuses what is not signed for it', async () => {
    fakeNumberUpdate(a.accountSid);
    const inbound = ok(
      await a.owner.mutation('triggers.subscribe', {
        connectionId: a.connectionId,
        trigger: 'incomingMessage',
        config: { phoneNumberSid: PHONE },
      }),
    );
    expect(Object.fromEntries(new URLSearchParams(numberUpdates.at(-1)))).toEqual({ SmsUrl: inbound.url, SmsMethod: 'POST' });
    const statuses = ok(await a.owner.mutation('triggers.subscribe', { connectionId: a.connectionId, trigger: 'messageStatus' }));
    expect(JSON.stringify(ok(await a.owner.query('triggers.list')))).not.toContain(a.authToken);

    const sms = new URLSearchParams({
      MessageSid: `SM${'1'.repeat(32)}`,
      AccountSid: a.accountSid,
      From: '+14155550100',
      To: '+14155550199',
      Body: 'Hi & bye',
    }).toString();
    await sendThrice(inbound.url, sms, a.authToken);
    // Twilio signs the query string too: a statusCallback URL with one verifies as sent.
    const statusUrl = `${statuses.url}?tag=order-7`;
    const status = (s: string) =>
      new URLSearchParams({ MessageSid: `SM${'2'.repeat(32)}`, MessageStatus: s, AccountSid: a.accountSid }).toString();
    await sendThrice(statusUrl, status('sent'), a.authToken);
    await sendThrice(statusUrl, status('delivered'), a.authToken);

    expect(await eventIds(a, inbound.id)).toEqual([`SM${'1'.repeat(32)}`]);
    expect((await eventIds(a, statuses.id)).sort()).toEqual([`SM${'2'.repeat(32)}:delivered`, `SM${'2'.repeat(32)}:sent`]);
    await vi.waitFor(() => expect(delivered(a)).toHaveLength(3), { timeout: 20_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(delivered(a)).toHaveLength(3);
    expect(delivered(a).find((d) => d.event.data.subscriptionId === inbound.id)?.event.data).toMatchObject({
      type: 'sms.received',
      providerAccountId: a.accountSid,
      payload: { Body: 'Hi & bye' },
    });

    const other = status('failed');
    const tampered = Buffer.from(other);
    tampered[tampered.length - 2] = (tampered[tampered.length - 2] ?? 0) ^ 1;
    for (const [bytes, headers] of [
      [tampered, sign(statusUrl, other, a.authToken)],
      [other, sign(statusUrl, other, b.authToken)],
      [other, sign(`${statuses.url}?tag=other`, other, a.authToken)],
      [other, {}],
    ] as const) {
      const res = await post(statusUrl, bytes, headers);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
    }
    expect(await eventIds(a, statuses.id)).toHaveLength(2);
    expect(delivered(b)).toHaveLength(0);
    expect(ok(await b.owner.query('events.list', {})).events).toEqual([]);

    fakeNumberUpdate(a.accountSid);
    ok(await a.owner.mutation('triggers.unsubscribe', { id: inbound.id }));
    expect(new URLSearchParams(numberUpdates.at(-1)).get('SmsUrl')).toBe('');
  });
});
