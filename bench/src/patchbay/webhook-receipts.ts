/**
 * @module Signed webhook receipts (S10): Stripe events, each with its own id and a fresh
 * `Stripe-Signature`, posted to one subscription's `/hooks/<id>` on the real server. Each 200
 * means the signature was checked on the raw bytes and the event committed to `trigger_events`.
 */
import { randomUUID } from 'node:crypto';
import { signStripeEvent } from '@patchbay/connector-stripe';
import { closedLoop, openLoop, type RequestSpec } from '../load.ts';
import type { Bench } from '../scenarios.ts';
import type { Sample } from '../stats.ts';
import { seedTenants } from './seed.ts';
import { startPatchbay } from './server.ts';

const SIGNING_SECRET = 'whsec_bench_signing_secret';

async function subscribe(url: string, apiKey: string, connectionId: string): Promise<string> {
  const response = await fetch(`${url}/trpc/triggers.subscribe`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ connectionId, trigger: 'event', signingSecret: SIGNING_SECRET, config: { eventTypes: ['*'] } }),
  });
  const body = (await response.json()) as { result?: { data: { id: string } } };
  if (!body.result) throw new Error(`triggers.subscribe answered ${response.status}: ${JSON.stringify(body)}`);
  return body.result.data.id;
}

export function patchbayHookReceipts(name: string): Bench {
  return {
    name,
    async start() {
      // No upstream is called: receiving never reaches the provider.
      const server = await startPatchbay(name, 'http://127.0.0.1:1');
      const [tenant] = await seedTenants(server.db, server.ring, { tenants: 1, connectionsPerTenant: 1, connector: 'stripe' });
      if (!tenant?.connections[0]) throw new Error('no seeded stripe connection');
      const path = `/hooks/${await subscribe(server.url, tenant.apiKey, tenant.connections[0])}`;
      const run = randomUUID().slice(0, 8);
      // A new event id per request: a repeated id would be a de-duplicated no-op, not a receipt.
      const spec = (n: number): RequestSpec => {
        const body = JSON.stringify({
          id: `evt_${run}_${n}`,
          object: 'event',
          type: 'payment_intent.succeeded',
          created: Math.floor(Date.now() / 1000),
          livemode: false,
          data: { object: { id: `pi_${n}`, object: 'payment_intent', amount: 2000, currency: 'usd' } },
        });
        return { path, method: 'POST', body, headers: { 'content-type': 'application/json', ...signStripeEvent(body, SIGNING_SECRET) } };
      };
      return {
        async measure(load): Promise<Sample> {
          return load.ratePerSec
            ? openLoop(server.url, spec, { ratePerSec: load.ratePerSec, durationMs: load.durationMs })
            : closedLoop(server.url, spec, load);
        },
        async stop() {
          await server.stop();
        },
      };
    },
  };
}
