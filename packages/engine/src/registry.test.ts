import { apiKey, defineAction, defineConnector, MAX_ACTION_TIMEOUT_MS, none } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, RegistryError } from './registry.ts';

const ping = defineAction({
  description: 'Ping',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  run: async () => ({ ok: true }),
});
const make = (id: string, actions: Record<string, typeof ping> = { ping }) =>
  defineConnector({ id, name: id, version: '1.0.0', description: 'test', auth: none(), baseUrls: ['https://api.example.com'], actions });

describe('connector registry (startup validation)', () => {
  it('indexes valid connectors and describes them with JSON Schemas', () => {
    const registry = createRegistry({ connectors: [make('acme'), make('acme-billing')] });
    expect(registry.list().map((c) => c.id)).toEqual(['acme', 'acme-billing']);
    expect(registry.catalog()[0]?.actions[0]).toMatchObject({ name: 'ping', outputSchema: { type: 'object' } });
    expect(registry.get('nope')).toBeUndefined();
  });

  it('refuses, in one line naming the connector: a duplicate id, a bad id, a foreign SDK, a schema JSON Schema cannot express', () => {
    const refuse = (connectors: unknown[]) => () => createRegistry({ connectors: connectors as never });
    expect(refuse([make('acme'), make('acme')])).toThrow(new RegistryError('connector "acme" is installed twice'));
    expect(refuse([make('Acme_CRM')])).toThrow(/connector "Acme_CRM": the id must be kebab-case/);
    const handMade = { ...make('plain') };
    expect(refuse([handMade])).toThrow('connector "plain" was not made with defineConnector from @patchbay/sdk');
    const dated = defineAction({ description: 'Dates', input: z.object({ at: z.date() }), output: z.object({}), run: async () => ({}) });
    expect(refuse([make('dates', { dated } as never)])).toThrow(/connector "dates": a schema cannot be converted to JSON Schema/);
    for (const thrown of [refuse([make('acme'), make('acme')]), refuse([make('dates', { dated } as never)])]) {
      try {
        thrown();
      } catch (error) {
        expect(String((error as Error).message)).not.toContain('\n');
      }
    }
  });

  it('accepts action timeouts up to 15 minutes and refuses longer ones at startup, in one line', () => {
    const timed = (timeoutMs: number) => defineAction({ ...ping, timeoutMs });
    const registry = createRegistry({ connectors: [make('uploads', { upload: timed(MAX_ACTION_TIMEOUT_MS) })] });
    expect(registry.catalog()[0]?.actions[0]?.timeoutMs).toBe(15 * 60_000);
    expect(() => createRegistry({ connectors: [make('uploads', { upload: timed(MAX_ACTION_TIMEOUT_MS + 1) })] })).toThrow(
      new RegistryError('connector "uploads": action "upload": timeoutMs 900001 is above the maximum of 900000 (15 minutes)'),
    );
  });

  it('refuses operator OAuth apps for connectors that are not installed or do not use OAuth', () => {
    const keyed = defineConnector({
      id: 'keyed',
      name: 'Keyed',
      version: '1.0.0',
      description: 'test',
      auth: apiKey({ fields: z.object({ key: z.string() }), apply: () => {} }),
      baseUrls: ['https://api.example.com'],
      actions: { ping },
    });
    expect(() => createRegistry({ connectors: [keyed], oauthApps: { keyed: { clientId: 'c', clientSecret: 's' } } })).toThrow(
      'oauthApps names "keyed", which does not use OAuth',
    );
    expect(() => createRegistry({ connectors: [keyed], oauthApps: { ghost: { clientId: 'c', clientSecret: 's' } } as never })).toThrow(
      'oauthApps names "ghost", which is not an installed connector',
    );
  });
});
