import { randomUUID } from 'node:crypto';
import { hmacSha256 } from '@patchbay/sdk';

/** Headers GitHub sends with a delivery of `event`, signed over `body`, for tests of code that receives them. */
export function signGithubDelivery(event: string, body: string, secret: string, delivery: string = randomUUID()): Record<string, string> {
  return {
    'x-github-event': event,
    'x-github-delivery': delivery,
    'x-hub-signature-256': `sha256=${hmacSha256(secret, [body])}`,
  };
}
