/**
 * @module Test support for webhook triggers: feed a payload signed the way the provider signs
 * it, and a conformance suite proving that a tampered byte, a wrong secret, a missing signature
 * and (for providers that sign a timestamp) a stale one are all refused.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { WebhookTriggerDefinition } from '../triggers/define-trigger.ts';
import { parseTriggerConfig, receiveWebhook, type WebhookReceipt } from '../triggers/run-trigger.ts';

/** Signs `body` as the provider would at `now`, sent to `url`: the headers to send with it. */
export type WebhookSigner = (body: string, secret: string, now: Date, url: string) => Record<string, string>;

/** The receiving URL `feedWebhook` reports when the test names none. */
export const FEED_URL = 'https://patchbay.example/hooks/00000000-0000-4000-8000-000000000000';

type AnyWebhookTrigger = WebhookTriggerDefinition<z.ZodType, z.ZodType>;

export interface FeedOptions {
  /** The exact body; an object is serialized once, and those bytes are what is signed and sent. */
  body: string | object;
  secret: string;
  sign: WebhookSigner;
  config?: Record<string, unknown>;
  /** When the provider signed it (default: now). */
  signedAt?: Date;
  /** The subscription's secrets, if not the one signed with. */
  secrets?: readonly string[];
  /** Changes the bytes after signing (a tampering proxy). */
  tamper?: (bytes: Buffer) => Buffer;
  /** The URL the request is sent to (default FEED_URL). */
  url?: string;
}

/** Signs and receives one request through the trigger, as the engine would (config parsed by the trigger's schema). */
export function feedWebhook(trigger: AnyWebhookTrigger, options: FeedOptions): WebhookReceipt {
  const text = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const signedAt = options.signedAt ?? new Date();
  const url = options.url ?? FEED_URL;
  const headers = Object.fromEntries(
    Object.entries(options.sign(text, options.secret, signedAt, url)).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const bytes = Buffer.from(text, 'utf8');
  return receiveWebhook(
    trigger,
    {
      rawBody: options.tamper ? options.tamper(bytes) : bytes,
      headers,
      secrets: options.secrets ?? [options.secret],
      now: new Date(),
      url,
    },
    parseTriggerConfig(trigger, options.config ?? {}),
  );
}

export interface WebhookConformance {
  sign: WebhookSigner;
  /** A body the trigger turns into at least one event under `config`. */
  sample: string | object;
  config?: Record<string, unknown>;
  /** The replay window, for providers that sign a timestamp: a request older than this is refused. */
  toleranceSeconds?: number;
}

/** Flips one byte in the middle: what a tampering hop or a re-serializing proxy does to a body. */
export const flipOneByte = (bytes: Buffer): Buffer => {
  const copy = Buffer.from(bytes);
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};

export function testWebhookTrigger(name: string, trigger: AnyWebhookTrigger, options: WebhookConformance): void {
  const secret = 'whsec_conformance_0123456789abcdef';
  const base = { body: options.sample, secret, sign: options.sign, ...(options.config ? { config: options.config } : {}) };

  describe(`webhook trigger ${name} conformance`, () => {
    it('accepts a correctly signed payload and parses it into events with ids and valid payloads', () => {
      const receipt = feedWebhook(trigger, base);
      expect(receipt.kind).toBe('events');
      if (receipt.kind !== 'events') return;
      expect(receipt.events.length).toBeGreaterThan(0);
      for (const event of receipt.events) expect(event.id).not.toBe('');
    });

    it('refuses a tampered byte, a wrong secret and a missing signature', () => {
      expect(feedWebhook(trigger, { ...base, tamper: flipOneByte })).toEqual({ kind: 'refused', reason: 'mismatch' });
      expect(feedWebhook(trigger, { ...base, secrets: ['whsec_someone_else_entirely'] })).toEqual({ kind: 'refused', reason: 'mismatch' });
      expect(feedWebhook(trigger, { ...base, sign: () => ({}) })).toMatchObject({ kind: 'refused' });
    });

    if (options.toleranceSeconds !== undefined) {
      const tolerance = options.toleranceSeconds;
      it(`refuses a timestamp older than ${tolerance} s, correctly signed or not`, () => {
        const stale = new Date(Date.now() - (tolerance + 60) * 1000);
        expect(feedWebhook(trigger, { ...base, signedAt: stale })).toEqual({ kind: 'refused', reason: 'stale' });
      });
    }
  });
}
