import { describe, expect, it } from 'vitest';
import { acme } from './__fixtures__/acme.ts';
import { invoicePaid } from './__fixtures__/docs-examples.ts';
import { connectorSdkMajor, defineConnector } from './define.ts';
import { describeConnector } from './describe.ts';
import { SDK_MAJOR } from './version.ts';

describe('describeConnector', () => {
  it('gives the catalog entry with JSON Schemas for inputs (as callers send them) and outputs', () => {
    const d = describeConnector(acme);
    expect(d).toMatchObject({ id: 'acme', version: '1.0.0', authKind: 'oauth2', scopes: ['tickets'] });
    const create = d.actions.find((a) => a.name === 'createTicket');
    expect(create?.inputSchema).toMatchObject({
      type: 'object',
      properties: { title: { type: 'string', minLength: 1 } },
      required: ['title'],
    });
    expect(create?.outputSchema).toMatchObject({ type: 'object', required: ['id', 'title'] });
  });

  it('lists triggers with their kind and the JSON Schemas of their events and config', () => {
    const withTrigger = defineConnector({ ...acme, actions: { ...acme.actions }, triggers: { invoicePaid } });
    expect(describeConnector(withTrigger).triggers).toEqual([
      expect.objectContaining({
        name: 'invoicePaid',
        kind: 'webhook',
        createsHook: false,
        appLevel: false,
        hubChallenge: false,
        eventSchema: expect.objectContaining({ required: ['invoiceId', 'amount'] }),
        configSchema: expect.objectContaining({ properties: { minAmount: expect.objectContaining({ type: 'number', default: 0 }) } }),
      }),
    ]);
    expect(describeConnector(acme).triggers).toEqual([]);
  });

  it('says which webhook triggers are also received at the app-level URL and which answer a hub challenge', () => {
    const appWide = { ...invoicePaid, accountOf: () => 'T1' };
    const meta = { ...invoicePaid, hubChallenge: true };
    const d = describeConnector(defineConnector({ ...acme, actions: { ...acme.actions }, triggers: { appWide, meta } }));
    expect(d.triggers.map(({ name, appLevel, hubChallenge }) => ({ name, appLevel, hubChallenge }))).toEqual([
      { name: 'appWide', appLevel: true, hubChallenge: false },
      { name: 'meta', appLevel: false, hubChallenge: true },
    ]);
  });

  it('stamps connectors with the SDK major they were built with, and freezes them', () => {
    expect(connectorSdkMajor(acme)).toBe(SDK_MAJOR);
    expect(Object.isFrozen(acme)).toBe(true);
    expect(Object.isFrozen(acme.actions)).toBe(true);
    expect(connectorSdkMajor({ id: 'hand-made' })).toBeUndefined();
  });
});
