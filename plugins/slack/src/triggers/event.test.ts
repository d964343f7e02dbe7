import { feedWebhook, testWebhookTrigger } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { event, SLACK_TOLERANCE_SECONDS } from './event.ts';
import { signSlackRequest } from './sign-event.ts';

const mention = {
  token: 'legacy-verification-token',
  team_id: 'T0001',
  api_app_id: 'A0001',
  type: 'event_callback',
  event_id: 'Ev0001',
  event_time: 1_700_000_000,
  event: { type: 'app_mention', user: 'U1', text: '<@U0BOT> hello', channel: 'C1', ts: '1700000000.000100' },
};

testWebhookTrigger('slack.event', event, { sign: signSlackRequest, sample: mention, toleranceSeconds: SLACK_TOLERANCE_SECONDS });

describe('slack.event', () => {
  const secret = 'slack-signing-secret';

  it('answers url_verification with the challenge, only when signed', () => {
    const challenge = { token: 't', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' };
    expect(feedWebhook(event, { body: challenge, secret, sign: signSlackRequest })).toEqual({
      kind: 'handshake',
      reply: { body: challenge.challenge, contentType: 'text/plain; charset=utf-8' },
    });
    expect(feedWebhook(event, { body: challenge, secret, sign: (b, _s, at) => signSlackRequest(b, 'wrong', at) }).kind).toBe('refused');
  });

  it('keeps message and app_mention as the tenant chose, with the team as provider account', () => {
    const message = { ...mention, event_id: 'Ev0002', event: { ...mention.event, type: 'message' } };
    const feed = (body: object, eventTypes?: string[]) =>
      feedWebhook(event, { body, secret, sign: signSlackRequest, ...(eventTypes ? { config: { eventTypes } } : {}) });
    expect(feed(message)).toMatchObject({ kind: 'events', events: [{ id: 'Ev0002', type: 'message', accountId: 'T0001' }] });
    expect(feed(message, ['app_mention'])).toEqual({ kind: 'events', events: [] });
    expect(feed(mention, ['app_mention'])).toMatchObject({ kind: 'events', events: [{ id: 'Ev0001', type: 'app_mention' }] });
  });

  it('names the workspace of a request by its team_id', () => {
    expect(event.accountOf?.({ text: JSON.stringify(mention), headers: {} })).toBe('T0001');
  });
});
