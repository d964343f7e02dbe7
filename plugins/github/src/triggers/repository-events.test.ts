import { feedWebhook, testWebhookTrigger } from '@patchbay/sdk/testing';
import { describe, expect, it } from 'vitest';
import { issues, pullRequest, push } from './repository-events.ts';
import { signGithubDelivery } from './sign-delivery.ts';

const repository = { id: 42, full_name: 'octo/hello' };
const samples = {
  issues: { action: 'opened', issue: { number: 1, title: 'Bug' }, repository },
  pull_request: { action: 'opened', number: 2, pull_request: { title: 'Fix' }, repository },
  push: { ref: 'refs/heads/main', before: 'a'.repeat(40), after: 'b'.repeat(40), commits: [], repository },
};
const config = { owner: 'octo', repo: 'hello' };

for (const [name, trigger] of [
  ['issues', issues],
  ['pull_request', pullRequest],
  ['push', push],
] as const) {
  testWebhookTrigger(`github.${name}`, trigger, {
    sign: (body, secret) => signGithubDelivery(name, body, secret),
    sample: samples[name],
    config,
  });
}

describe('github repository triggers', () => {
  it('use the delivery id as the event id and the repository as the provider account', () => {
    const receipt = feedWebhook(issues, {
      body: samples.issues,
      secret: 's',
      sign: (body, secret) => signGithubDelivery('issues', body, secret, 'delivery-1'),
      config,
    });
    expect(receipt).toMatchObject({ kind: 'events', events: [{ id: 'delivery-1', type: 'issues', accountId: '42' }] });
  });

  it('store nothing for the ping GitHub sends to a new hook, or for another event type', () => {
    for (const event of ['ping', 'push']) {
      const receipt = feedWebhook(issues, {
        body: { zen: 'hi', hook_id: 1 },
        secret: 's',
        sign: (b, s) => signGithubDelivery(event, b, s),
        config,
      });
      expect(receipt).toEqual({ kind: 'events', events: [] });
    }
  });
});
