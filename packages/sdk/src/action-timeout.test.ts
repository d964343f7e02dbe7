import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { actionTimeoutProblem, MAX_ACTION_TIMEOUT_MS } from './action-timeout.ts';
import { none } from './auth/define-auth.ts';
import { defineAction, defineConnector } from './define.ts';
import { describeConnector } from './describe.ts';
import type { ConnectorError } from './errors.ts';
import { runAction } from './run-action.ts';

/** Works for `ms` on the (fake) clock, ignoring its signal as a careless connector would. */
const working = (timeoutMs?: number) =>
  defineAction({
    description: 'A long export',
    input: z.object({ ms: z.number() }),
    output: z.object({ done: z.boolean() }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    run: async (input) => {
      await new Promise((resolve) => setTimeout(resolve, input.ms));
      return { done: true };
    },
  });

const exporter = defineConnector({
  id: 'exporter',
  name: 'Exporter',
  version: '1.0.0',
  description: 'Long actions',
  auth: none(),
  baseUrls: ['https://api.example.com'],
  actions: { quick: working(), long: working(45_000), tooLong: working(MAX_ACTION_TIMEOUT_MS + 1) },
});

afterEach(() => {
  vi.useRealTimers();
});

async function runFor(action: 'quick' | 'long' | 'tooLong', ms: number): Promise<unknown> {
  vi.useFakeTimers();
  const outcome = runAction(exporter, action, { input: { ms }, credentials: {} }).catch((e: unknown) => e);
  await vi.advanceTimersByTimeAsync(ms + 1);
  return outcome;
}

describe('action timeouts beyond 30 s', () => {
  it('lets an action declared with timeoutMs 45 s run past the 30 s default', async () => {
    expect(await runFor('long', 40_000)).toEqual({ done: true });
  });

  it('still stops an action at its own deadline, even one that ignores ctx.signal', async () => {
    const quick = (await runFor('quick', 40_000)) as ConnectorError;
    expect([quick.code, quick.message]).toEqual(['TIMEOUT', 'The action took longer than 30000 ms']);
    const long = (await runFor('long', 50_000)) as ConnectorError;
    expect([long.code, long.message]).toEqual(['TIMEOUT', 'The action took longer than 45000 ms']);
  });

  it('refuses a timeout above the 15-minute maximum, and says what the catalog shows', async () => {
    const refused = (await runFor('tooLong', 1)) as ConnectorError;
    expect(refused.code).toBe('CONNECTOR_FAILURE');
    expect(refused.message).toContain('above the maximum of 900000');
    expect(actionTimeoutProblem(MAX_ACTION_TIMEOUT_MS)).toBeUndefined();
    expect(actionTimeoutProblem(0)).toMatch(/positive/);
    expect(describeConnector(exporter).actions.map((a) => [a.name, a.timeoutMs])).toEqual([
      ['quick', 30_000],
      ['long', 45_000],
      ['tooLong', MAX_ACTION_TIMEOUT_MS + 1],
    ]);
  });
});
