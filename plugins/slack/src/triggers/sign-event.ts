import { hmacSha256 } from '@patchbay/sdk';

/** Signs a body as Slack does (`v0:<timestamp>:<body>`), for tests of code that receives Slack events. */
export function signSlackRequest(body: string, secret: string, now: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'x-slack-request-timestamp': timestamp,
    'x-slack-signature': `v0=${hmacSha256(secret, [`v0:${timestamp}:${body}`])}`,
  };
}
