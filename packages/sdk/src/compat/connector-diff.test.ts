import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { none } from '../auth/define-auth.ts';
import { type AnyAction, defineAction, defineConnector } from '../define.ts';
import { describeConnector } from '../describe.ts';
import { diffConnectors, formatDiff } from './connector-diff.ts';

const action = (idempotent: boolean) =>
  defineAction({ description: 'a', idempotent, input: z.object({}), output: z.object({ id: z.string() }), run: async () => ({ id: '1' }) });
const version = (v: string, actions: Record<string, AnyAction>) =>
  describeConnector(
    defineConnector({ id: 'crm', name: 'CRM', version: v, description: 'd', auth: none(), baseUrls: ['https://crm.test'], actions }),
  );

describe('diffConnectors', () => {
  it('a removed action and a lost idempotent flag are breaking; a new action is not', () => {
    const diff = diffConnectors(
      version('1.0.0', { getContact: action(true), deleteContact: action(false) }),
      version('1.1.0', { getContact: action(false), listContacts: action(true) }),
    );
    expect(formatDiff(diff)).toEqual([
      'BREAKING getContact: no longer idempotent (callers may rely on safe retries)',
      'BREAKING deleteContact: action removed',
      'minor    listContacts: new action',
      'error: breaking changes need a new major version (1.0.0 → 1.1.0)',
    ]);
    expect(diff.ok).toBe(false);
  });

  it('an unchanged connector is ok at any version', () => {
    const diff = diffConnectors(version('1.0.0', { getContact: action(true) }), version('1.0.1', { getContact: action(true) }));
    expect([diff.ok, diff.findings]).toEqual([true, []]);
  });
});
