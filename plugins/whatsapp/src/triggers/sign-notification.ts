import { hmacSha256 } from '@patchbay/sdk';

/** Signs a body as Meta does (`X-Hub-Signature-256: sha256=<hex>`), for tests of code that receives WhatsApp webhooks. */
export function signMetaNotification(body: string, appSecret: string): Record<string, string> {
  return { 'x-hub-signature-256': `sha256=${hmacSha256(appSecret, [body])}` };
}
