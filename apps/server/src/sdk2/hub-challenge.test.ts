/**
 * Meta's callback verification end to end through the real server and real Postgres: a
 * subscription to a `hubChallenge` trigger hands out a verify token, and
 * `GET /hooks/<id>?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…` echoes the challenge
 * only for that token (another subscription's token, a wrong one, or a missing mode get a bare
 * 401; a trigger without `hubChallenge` and unknown ids a bare 404). Signed events then arrive
 * by POST as for any webhook trigger.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, ok } from '../testing/http-session.ts';
import { signUpVerified } from '../testing/sign-up.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { hubEvents, signHubEvent } from './hub-connector.ts';
import { acmeEvents } from './triggers-connector.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ connectors: [hubEvents, acmeEvents] });
});
afterAll(async () => {
  await server?.close();
});

async function tenant(name: string) {
  const user = new HttpSession(server.url);
  await signUpVerified(user, server.outbox, `${name}-${Date.now()}@example.com`);
  return user.withOrg(ok(await user.mutation('orgs.create', { name })).id);
}

const check = (url: string, params: Record<string, string>) => fetch(`${url}?${new URLSearchParams(params)}`);

describe('GET /hooks/:id hub.challenge', () => {
  it("echoes the challenge only for the subscription's own verify token", async () => {
    const a = await tenant('HubA');
    const b = await tenant('HubB');
    const subscribe = async (owner: HttpSession, secret: string) => {
      const connectionId = ok(await owner.mutation('connections.create', { connectorId: 'hub-events', credentials: { apiKey: 'k' } })).id;
      return ok(await owner.mutation('triggers.subscribe', { connectionId, trigger: 'changes', signingSecret: secret }));
    };
    const subA = await subscribe(a, 'meta-app-secret-a');
    const subB = await subscribe(b, 'meta-app-secret-b');
    expect(subA.verifyToken).toMatch(/^[\w-]{40,}$/);
    expect(subA.verifyToken).not.toBe(subB.verifyToken);

    const answered = await check(subA.url, {
      'hub.mode': 'subscribe',
      'hub.verify_token': subA.verifyToken,
      'hub.challenge': '1158201444',
    });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toBe('1158201444');

    const refused: Record<string, string>[] = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': subB.verifyToken, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${subA.verifyToken}x`, 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': subA.verifyToken, 'hub.challenge': '1' },
      { 'hub.verify_token': subA.verifyToken, 'hub.challenge': '1' },
      {},
    ];
    for (const params of refused) {
      const res = await check(subA.url, params);
      expect(res.status, JSON.stringify(params)).toBe(401);
      expect(await res.text()).toBe('');
    }

    // Not a hub.challenge trigger, and no such subscription: nothing to answer.
    const other = ok(await a.mutation('connections.create', { connectorId: 'acme-events', credentials: { apiKey: 'k' } })).id;
    const plain = ok(
      await a.mutation('triggers.subscribe', { connectionId: other, trigger: 'notification', signingSecret: 'acme-secret-1' }),
    );
    expect(plain.verifyToken).toBeUndefined();
    for (const url of [plain.url, `${server.url}/hooks/${randomUUID()}`, `${server.url}/hooks/not-a-uuid`]) {
      const res = await check(url, { 'hub.mode': 'subscribe', 'hub.verify_token': subA.verifyToken, 'hub.challenge': '1' });
      expect(res.status).toBe(404);
      expect(await res.text()).toBe('');
    }

    const body = JSON.stringify({ object: 'page', entry: [{ id: 'page-1', time: 1_700_000_000 }] });
    for (let i = 0; i < 2; i++)
      expect((await fetch(subA.url, { method: 'POST', body, headers: signHubEvent(body, 'meta-app-secret-a') })).status).toBe(200);
    expect(
      ok(await a.query('events.list', { subscriptionId: subA.id })).events.map((e: { providerEventId: string }) => e.providerEventId),
    ).toEqual(['page-1:1700000000']);
  });
});
