/**
 * @module Meta's subscription check (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests):
 * before sending events, Meta calls the callback URL with `GET ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<n>`
 * and expects `<n>` back. Only triggers that declare `hubChallenge` answer. The verify token is
 * not stored: it is derived from the subscription's sealed secret and id, handed out once at
 * subscribe, and compared in constant time; anything else gets a bare 404 or 401.
 */
import { withTenant } from '@patchbay/db';
import { digestsEqual } from '@patchbay/sdk';
import type { HookOutcome, ReceiveDeps } from './receive-hook.ts';
import { subscriptionTenant } from './receive-hook.ts';
import { hubVerifyToken, openTriggerSecret } from './trigger-secret.ts';

export interface HubChallengeRequest {
  subscriptionId: string;
  /** The query parameters as received. */
  query: Readonly<Record<string, string | undefined>>;
}

const MAX_CHALLENGE = 200;

export async function answerHubChallenge(deps: ReceiveDeps, request: HubChallengeRequest): Promise<HookOutcome> {
  const tenantId = await subscriptionTenant(deps.db, request.subscriptionId);
  if (!tenantId) return { kind: 'unknown' };
  const sub = await withTenant(deps.db, tenantId, (tx) =>
    tx
      .selectFrom('trigger_subscriptions')
      .select(['id', 'connector_id', 'trigger', 'secret_sealed'])
      .where('id', '=', request.subscriptionId)
      .executeTakeFirst(),
  );
  const trigger = sub ? deps.registry.get(sub.connector_id)?.triggers?.[sub.trigger] : undefined;
  if (!sub || trigger?.kind !== 'webhook' || !trigger.hubChallenge) return { kind: 'unknown' };
  const { 'hub.mode': mode, 'hub.verify_token': token, 'hub.challenge': challenge } = request.query;
  if (mode !== 'subscribe' || !token || !challenge) return { kind: 'refused', reason: 'missing' };
  const expected = hubVerifyToken(openTriggerSecret(deps.ring, tenantId, sub.id, sub.secret_sealed), sub.id);
  if (!digestsEqual(expected, token)) return { kind: 'refused', reason: 'mismatch' };
  if (challenge.length > MAX_CHALLENGE) return { kind: 'malformed' };
  return { kind: 'handshake', reply: { body: challenge, contentType: 'text/plain; charset=utf-8' } };
}
