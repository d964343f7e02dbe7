import { randomBytes } from 'node:crypto';
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
