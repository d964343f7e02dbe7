import { createHmac, randomBytes } from 'node:crypto';
import { type KeyRing, open, seal } from '@patchbay/auth';

export const TRIGGER_SECRET_PURPOSE = 'trigger.secret';

/** A fresh signing secret for a provider hook Patchbay creates itself. */
export const newTriggerSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export function sealTriggerSecret(ring: KeyRing, tenantId: string, subscriptionId: string, secret: string): string {
  return seal(ring, secret, { tenantId, recordId: subscriptionId, purpose: TRIGGER_SECRET_PURPOSE });
}

export function openTriggerSecret(ring: KeyRing, tenantId: string, subscriptionId: string, sealed: string): string {
  return open(ring, sealed, { tenantId, recordId: subscriptionId, purpose: TRIGGER_SECRET_PURPOSE });
}

/** A subscription's verify token (Meta's `hub.verify_token`): a keyed digest of its id, so it changes with the secret. */
export function hubVerifyToken(secret: string, subscriptionId: string): string {
  return createHmac('sha256', secret).update(`hub.verify_token:${subscriptionId}`).digest('base64url');
}
