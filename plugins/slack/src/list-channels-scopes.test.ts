import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { slack } from './index.ts';

let h: Harness<typeof slack>;
afterEach(() => h.close());

const harness = (scopes: string[]) => {
  h = createTestHarness(slack, { credentials: { accessToken: 'xoxb-1' }, connection: { scopes } });
  return h;
};

describe('listChannels types follow the scopes held (PROVIDERS S1)', () => {
  it('refuses private channels and DMs without groups:read / im:read, before asking Slack', async () => {
    harness(['chat:write', 'channels:read']);
    const error = await connectorFailure(h.run('listChannels', { types: ['public_channel', 'private_channel', 'im'] }));
    expect(error).toMatchObject({ code: 'FORBIDDEN_SCOPE', path: 'types' });
    expect(error.message).toContain('groups:read, im:read');
    expect(h.requests).toHaveLength(0);
  });

  it('lists them once the connection holds their scopes', async () => {
    harness(['channels:read', 'groups:read', 'mpim:read']);
    h.on('GET', '/conversations.list?types=private_channel%2Cmpim&exclude_archived=true&limit=10').reply(200, {
      ok: true,
      channels: [{ id: 'G1', name: 'secret', is_private: true }],
    });
    expect(await h.run('listChannels', { types: ['private_channel', 'mpim'], limit: 10 })).toEqual({
      channels: [{ id: 'G1', name: 'secret', isPrivate: true, isArchived: false }],
    });
  });
});
