/**
 * @module What every Patchbay process reads before it touches the database: the environment,
 * the key ring (production without one stops here) and the deployment's connectors.
 */
import { type KeyRing, loadKeyRing } from '@patchbay/auth';
import type { DatabaseHandle } from '@patchbay/db';
import { type ConnectorRegistry, createEngine, type Engine, type PatchbayConfig } from '@patchbay/engine';
import { loadConfig, type ServerConfig } from './config.ts';
import { createLogger, type Logger } from './logger.ts';
import { loadPatchbayConfig } from './patchbay-config.ts';

export interface Deployment {
  config: ServerConfig;
  logger: Logger;
  ring: KeyRing;
  patchbay: PatchbayConfig;
  registry: ConnectorRegistry;
}

export async function loadDeployment(env: NodeJS.ProcessEnv): Promise<Deployment> {
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel);
  const ring = await loadKeyRing({
    spec: env.PATCHBAY_ENCRYPTION_KEYS,
    production: config.production,
    dataDir: config.dataDir,
    warn: (message) => logger.warn(message),
  });
  const { config: patchbay, registry, file } = await loadPatchbayConfig(env.PATCHBAY_CONFIG);
  logger.info({ config: file ?? null, connectors: registry.list().map((c) => `${c.id}@${c.version}`) }, 'connectors loaded');
  return { config, logger, ring, patchbay, registry };
}

/** The engine every process builds the same way from its deployment and database. */
export function deploymentEngine(deployment: Deployment, database: DatabaseHandle, publicUrl: string): Engine {
  return createEngine({
    db: database.db,
    pool: database.pool,
    leaseMs: deployment.config.runLeaseMs,
    runRetentionDays: deployment.config.runRetentionDays,
    allowPrivateWebhooks: deployment.config.allowPrivateWebhooks,
    ring: deployment.ring,
    registry: deployment.registry,
    publicUrl,
  });
}
