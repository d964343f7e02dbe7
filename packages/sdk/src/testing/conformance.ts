/**
 * @module The conformance suite every connector runs (`testConnector(connector, fixtures)`),
 * in the spirit of Lucia's adapter tests: identity and schemas are sound, every action has a
 * fixture and passes it, HTTP failures map to the documented codes, and no credential ever
 * reaches a log line.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isGrantAuth } from '../auth/grant-descriptors.ts';
import type { AnyConnector } from '../define.ts';
import { ConnectorError, type ConnectorErrorCode } from '../errors.ts';
import { resolveHostTemplate } from '../params/host-template.ts';
import { secretValues } from '../redact.ts';
import { createTestHarness, type Harness, type HarnessOptions } from './harness.ts';

export interface ActionFixture {
  input: unknown;
  /** Registers the replies this action's requests get. */
  setup: (harness: Harness<AnyConnector>) => void;
  /** Extra assertions on the output and the recorded requests. */
  check?: (output: unknown, harness: Harness<AnyConnector>) => void;
}

export interface ConformanceOptions extends HarnessOptions {
  fixtures: Record<string, ActionFixture>;
  /** Codes expected for each simulated HTTP status, where the connector maps differently. */
  errorCodes?: Partial<Record<401 | 400 | 404 | 429 | 503, ConnectorErrorCode>>;
}

const isLoopback = (url: URL) => url.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

async function failureOf(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected the action to fail');
}

export function testConnector(connector: AnyConnector, options: ConformanceOptions): void {
  const names = Object.keys(connector.actions);
  const secrets = secretValues(options.credentials);
  // Templated hosts resolve with the fixture connection's params, as they would for a real one.
  const resolvedBaseUrls = () =>
    connector.baseUrls.map((u) => resolveHostTemplate(u, options.connection?.params ?? {}, connector.hostPatterns));

  describe(`connector ${connector.id} conformance`, () => {
    it('declares its identity: kebab-case id, semver version, name, description, https (or loopback) base URLs', () => {
      expect(connector.id).toMatch(KEBAB);
      expect(connector.version).toMatch(SEMVER);
      expect(connector.name.trim()).not.toBe('');
      expect(connector.description.trim()).not.toBe('');
      // A connector with no base URLs speaks another protocol (SMTP): ctx.http refuses every host for it.
      // Plain http only to a loopback host: a local sandbox or mock a deployment points it at.
      for (const url of resolvedBaseUrls()) expect(new URL(url).protocol === 'https:' || isLoopback(new URL(url)), url).toBe(true);
    });

    it('describes every action, with input and output schemas convertible to JSON Schema', () => {
      expect(names.length).toBeGreaterThan(0);
      for (const [name, action] of Object.entries(connector.actions)) {
        expect(action.description.trim(), name).not.toBe('');
        expect(() => z.toJSONSchema(action.input, { io: 'input' }), `${name} input`).not.toThrow();
        expect(() => z.toJSONSchema(action.output, { io: 'output' }), `${name} output`).not.toThrow();
      }
    });

    it('has a fixture for every action', () => {
      expect(names.filter((n) => !options.fixtures[n])).toEqual([]);
    });

    for (const [name, fixture] of Object.entries(options.fixtures)) {
      it(`${name}: runs against its fixture, within its base URLs, logging no credential`, async () => {
        const harness = createTestHarness(connector, options);
        try {
          fixture.setup(harness);
          const output = await harness.run(name, fixture.input as never);
          expect(() => connector.actions[name]?.output.parse(output)).not.toThrow();
          const origins = new Set(resolvedBaseUrls().map((u) => new URL(u).origin));
          for (const r of harness.requests) expect(origins.has(new URL(r.url).origin), r.url).toBe(true);
          const logged = JSON.stringify(harness.logs);
          for (const secret of secrets) expect(logged.includes(secret), 'a credential reached a log line').toBe(false);
          fixture.check?.(output, harness);
        } finally {
          await harness.close();
        }
      });
    }

    const [probeName, probe] = Object.entries(options.fixtures)[0] ?? [];
    // The HTTP status probes apply to HTTP connectors; the fixtures above already proved that a
    // connector without base URLs made no HTTP request at all.
    if (probeName && probe && connector.baseUrls.length > 0) {
      const expected: Record<number, ConnectorErrorCode> = {
        401: connector.auth.kind === 'oauth2' || isGrantAuth(connector.auth) ? 'AUTH_EXPIRED' : 'AUTH_INVALID',
        400: 'INVALID_INPUT',
        404: 'NOT_FOUND',
        429: 'RATE_LIMITED',
        503: 'UPSTREAM',
        ...options.errorCodes,
      };
      for (const [status, code] of Object.entries(expected)) {
        it(`${probeName}: maps HTTP ${status} from the provider to ${code}`, async () => {
          const learn = createTestHarness(connector, options);
          probe.setup(learn);
          await learn.run(probeName, probe.input as never);
          await learn.close();
          const first = learn.requests[0];
          if (!first) throw new Error(`${probeName} made no request`);
          const harness = createTestHarness(connector, options);
          try {
            harness
              .on(first.method, first.url)
              .always(Number(status), { error: 'simulated' }, status === '429' ? { 'retry-after': '2' } : {});
            const error = await failureOf(harness.run(probeName, probe.input as never));
            expect(error.code).toBe(code);
            if (status === '429') expect(harness.sleeps.every((ms) => ms >= 2000)).toBe(true);
          } finally {
            await harness.close();
          }
        });
      }
    }
  });
}
