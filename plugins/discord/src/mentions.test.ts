import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { discord } from './index.ts';

const CHANNEL = '1052476383196569640';
const TOKEN = 'MTA1MjQ3NjM4MzE5NjU2OTY0MA.GhW1bX.abcdefghijklmnopqrstuvwxyz0123456789AB';
const posted = (content: string) => ({
  id: '1235537389411131456',
  channel_id: CHANNEL,
  content,
  timestamp: '2024-05-02T09:15:27.123000+00:00',
  embeds: [{ type: 'rich', title: 'Only an embed' }],
});

let h: Harness<typeof discord>;
afterEach(() => h.close());
const harness = () => {
  h = createTestHarness(discord, { credentials: { botToken: TOKEN } });
  h.on('POST', `/api/v10/channels/${CHANNEL}/messages`).reply(200, posted(''));
  return h;
};

describe('Discord mentions and embeds (PROVIDERS D1, D2)', () => {
  it('pings nobody by default, even for @everyone in the content', async () => {
    await harness().run('sendMessage', { channelId: CHANNEL, content: 'Deploy done @everyone' });
    expect(h.requests[0]?.json()).toMatchObject({ content: 'Deploy done @everyone', allowed_mentions: { parse: [] } });
  });

  it('pings what the caller opts into, and only that', async () => {
    await harness().run('sendMessage', {
      channelId: CHANNEL,
      content: '<@&1052476383196569999> heads up',
      allowedMentions: { parse: ['users'], roles: ['1052476383196569999'] },
    });
    expect(h.requests[0]?.json()).toMatchObject({ allowed_mentions: { parse: ['users'], roles: ['1052476383196569999'] } });
  });

  it('refuses parse and an explicit list for the same kind (Discord rejects it)', async () => {
    h = createTestHarness(discord, { credentials: { botToken: TOKEN } });
    const error = await connectorFailure(
      h.run('sendMessage', { channelId: CHANNEL, content: 'x', allowedMentions: { parse: ['users'], users: ['1052476383196569998'] } }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(h.requests).toHaveLength(0);
  });

  it('sends an embed without content', async () => {
    const out = await harness().run('sendMessage', { channelId: CHANNEL, embeds: [{ title: 'Only an embed' }] });
    expect(out.embedCount).toBe(1);
    expect(h.requests[0]?.json()).not.toHaveProperty('content');
  });

  it('still refuses a message with neither content nor embeds', async () => {
    h = createTestHarness(discord, { credentials: { botToken: TOKEN } });
    expect(await connectorFailure(h.run('sendMessage', { channelId: CHANNEL }))).toMatchObject({ code: 'INVALID_INPUT', path: 'content' });
  });
});
