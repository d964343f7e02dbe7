import { createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { github } from './index.ts';

let h: Harness<typeof github>;
afterEach(() => h.close());

const GRANT = 'https://api.github.com/applications/test-client-id/grant';

function revoke(accessToken: string) {
  const hook = github.auth.revoke;
  if (!hook) throw new Error('github declares no revoke hook');
  return h.oauthHook((ctx) => hook({ accessToken, scopes: ['repo'] }, ctx));
}

describe('GitHub revocation (PROVIDERS GH2)', () => {
  it('deletes the app grant with Basic client credentials and the token in a JSON body', async () => {
    h = createTestHarness(github, { credentials: { accessToken: 'gho_16C7e42F292c6912E7710c838347Ae178B4a' } });
    h.on('DELETE', GRANT).reply(204);
    expect(await revoke('gho_16C7e42F292c6912E7710c838347Ae178B4a')).toBe(true);
    const req = h.requests[0];
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from('test-client-id:test-client-secret').toString('base64')}`);
    expect(req?.headers['content-type']).toMatch(/^application\/json/);
    expect(req?.json()).toEqual({ access_token: 'gho_16C7e42F292c6912E7710c838347Ae178B4a' });
  });

  it('fails when GitHub refuses (422: the token does not belong to this app)', async () => {
    h = createTestHarness(github, { credentials: { accessToken: 'gho_x' } });
    h.on('DELETE', GRANT).reply(422, { message: 'Validation Failed' });
    await expect(revoke('gho_x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
