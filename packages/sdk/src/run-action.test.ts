import { afterEach, describe, expect, it } from 'vitest';
import { acme } from './__fixtures__/acme.ts';
import type { ConnectorError } from './errors.ts';
import { REDACTED } from './redact.ts';
import { runAction } from './run-action.ts';
import { createTestHarness, type Harness } from './testing/harness.ts';

const TOKEN = 'at-1234567890-secret';
let h: Harness<typeof acme>;
afterEach(() => h.close());

describe('runAction', () => {
  it('refuses invalid input with the failing path, before any request', async () => {
    h = createTestHarness(acme, { credentials: { accessToken: TOKEN } });
    const error = (await h.run('createTicket', { title: '' }).catch((e: unknown) => e)) as ConnectorError;
    expect([error.code, error.path]).toEqual(['INVALID_INPUT', 'title']);
    expect(h.requests).toEqual([]);
  });

  it('never prints a token passed to ctx.log, in the message, fields, nested values or errors', async () => {
    h = createTestHarness(acme, { credentials: { accessToken: TOKEN } });
    await h.run('leaky', { mode: 'log' });
    const printed = JSON.stringify(h.logs);
    expect(printed).not.toContain(TOKEN);
    expect(h.logs[0]).toMatchObject({
      level: 'warn',
      message: `token is ${REDACTED}`,
      fields: { token: REDACTED, nested: { header: `Bearer ${REDACTED}` } },
    });
  });

  it('turns a connector bug into CONNECTOR_FAILURE without the token in the message', async () => {
    h = createTestHarness(acme, { credentials: { accessToken: TOKEN } });
    const error = (await h.run('leaky', { mode: 'throw' }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('CONNECTOR_FAILURE');
    expect(error.message).toBe(`The connector failed: cannot use ${REDACTED}`);
  });

  it('reports cancellation as CANCELLED', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = (await runAction(acme, 'getTicket', {
      input: { id: 't1' },
      credentials: { accessToken: TOKEN },
      signal: controller.signal,
    }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('CANCELLED');
    h = createTestHarness(acme, { credentials: { accessToken: TOKEN } });
  });

  it('names an unknown action NOT_FOUND', async () => {
    const error = (await runAction(acme, 'toString', { input: {}, credentials: {} }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.code).toBe('NOT_FOUND');
    h = createTestHarness(acme, { credentials: { accessToken: TOKEN } });
  });
});
