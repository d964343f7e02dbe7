import { hmacSha256 } from '@patchbay/sdk';

/** Signs a body as Stripe does, for tests of code that receives Stripe events. */
export function signStripeEvent(body: string, secret: string, now: Date = new Date()): Record<string, string> {
  const t = Math.floor(now.getTime() / 1000);
  return { 'stripe-signature': `t=${t},v1=${hmacSha256(secret, [`${t}.${body}`])}` };
}
