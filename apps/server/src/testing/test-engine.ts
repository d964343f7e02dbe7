import { generateKeyEntry, type KeyRing, parseKeyRing } from '@patchbay/auth';
import type { Database } from '@patchbay/db';
import { createEngine, createRegistry, type Engine, type EngineOptions, type PatchbayConfig } from '@patchbay/engine';
import type { Kysely } from 'kysely';

export interface TestEngineOptions {
  connectors?: PatchbayConfig['connectors'];
  oauthApps?: PatchbayConfig['oauthApps'];
  publicUrl?: string;
  ring?: KeyRing;
  dispatcher?: EngineOptions['dispatcher'];
  retry?: EngineOptions['retry'];
  refreshMarginMs?: number;
  pool?: EngineOptions['pool'];
  leaseMs?: number;
  /** Tests deliver webhooks to 127.0.0.1, so private destinations are allowed unless a test says no. */
  allowPrivateWebhooks?: boolean;
  egressLookup?: EngineOptions['egressLookup'];
  hostDispatcher?: EngineOptions['hostDispatcher'];
}

/** A real engine over a test database, with a fresh key ring unless one is given. */
export function createTestEngine(db: Kysely<Database>, options: TestEngineOptions = {}): Engine {
  return createEngine({
    db,
    ring: options.ring ?? parseKeyRing(generateKeyEntry('test1')),
    registry: createRegistry({ connectors: options.connectors ?? [], ...(options.oauthApps ? { oauthApps: options.oauthApps } : {}) }),
    publicUrl: options.publicUrl ?? 'http://127.0.0.1:3000',
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
    ...(options.pool ? { pool: options.pool } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    allowPrivateWebhooks: options.allowPrivateWebhooks ?? true,
    ...(options.egressLookup ? { egressLookup: options.egressLookup } : {}),
    ...(options.hostDispatcher ? { hostDispatcher: options.hostDispatcher } : {}),
  });
}
