import path from 'node:path';
import { DEFAULT_POOL_MAX } from '@patchbay/db';
import { DEFAULT_RUN_RETENTION_DAYS } from '@patchbay/engine';
import { z } from 'zod';
import { parseTrustedProxies, type TrustedProxies } from './client-address.ts';
import { parseCorsOrigins } from './cors.ts';

/** A configuration problem, described in one line an operator can act on. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const schema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyToUndefined, z.string().min(1).default('127.0.0.1')),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// URL')
      .optional(),
  ),
  PATCHBAY_PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  PATCHBAY_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.patchbay')),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  PATCHBAY_RUN_LEASE_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(3_600_000).default(30_000)),
  PATCHBAY_RUN_RETENTION_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(36_500).default(DEFAULT_RUN_RETENTION_DAYS),
  ),
  PATCHBAY_WEBHOOKS_ALLOW_PRIVATE: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
  PATCHBAY_HOOK_MAX_BODY_BYTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
  ),
  PATCHBAY_SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((v) => /^smtps?:\/\/[^/]/.test(v), 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  PATCHBAY_SIGNUP: z.preprocess(emptyToUndefined, z.enum(['open', 'invite', 'closed']).optional()),
  PATCHBAY_WORKER: z.preprocess(emptyToUndefined, z.enum(['on', 'off']).default('on')),
  PATCHBAY_DB_POOL_MAX: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).max(1000).default(DEFAULT_POOL_MAX)),
  PATCHBAY_TRUSTED_PROXIES: z.preprocess(emptyToUndefined, z.string().optional()),
  PATCHBAY_CORS_ORIGINS: z.preprocess(emptyToUndefined, z.string().optional()),
  NODE_ENV: z.preprocess(emptyToUndefined, z.string().default('development')),
});

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Base of URLs we hand out (OAuth redirect URIs); defaults to the listening address. */
  publicUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  production: boolean;
  /** Whether the server also runs a queue worker (PATCHBAY_WORKER=off leaves that to `pnpm worker`). */
  worker: boolean;
  /** Most database connections this process's pool opens (PATCHBAY_DB_POOL_MAX). */
  dbPoolMax: number;
  /** How long a worker's claim on a queued run lasts without a heartbeat. */
  runLeaseMs: number;
  /** Finished runs are pruned this many days after they finished. */
  runRetentionDays: number;
  /** Webhooks to loopback/private addresses: allowed in development, refused in production unless set. */
  allowPrivateWebhooks: boolean;
  /** Proxies whose X-Forwarded-For names the client; empty: the socket peer is the client. */
  trustedProxies: TrustedProxies;
  /** Origins whose pages may call /trpc with credentials. */
  corsOrigins: readonly string[];
  /** Where account mail goes (verification, reset, invitations); unset logs it, in development only. */
  smtpUrl: string | undefined;
  /** Who may sign up: `open` by default in development, `invite` in production. */
  signup: 'open' | 'invite' | 'closed';
  /** Largest provider webhook body `POST /hooks/:id` accepts. */
  hookMaxBodyBytes: number;
}

function parseVariable<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ConfigError(`invalid configuration: ${name} ${error instanceof Error ? error.message : 'is invalid'}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    // Never echo the value: DATABASE_URL holds a password.
    throw new ConfigError(`invalid configuration: ${name} ${issue?.message ?? 'is invalid'}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    publicUrl: c.PATCHBAY_PUBLIC_URL,
    dataDir: path.resolve(c.PATCHBAY_DATA_DIR),
    logLevel: c.LOG_LEVEL,
    production,
    worker: c.PATCHBAY_WORKER === 'on',
    runLeaseMs: c.PATCHBAY_RUN_LEASE_MS,
    runRetentionDays: c.PATCHBAY_RUN_RETENTION_DAYS,
    dbPoolMax: c.PATCHBAY_DB_POOL_MAX,
    allowPrivateWebhooks:
      c.PATCHBAY_WEBHOOKS_ALLOW_PRIVATE === undefined ? c.NODE_ENV !== 'production' : c.PATCHBAY_WEBHOOKS_ALLOW_PRIVATE === 'true',
    trustedProxies: parseVariable('PATCHBAY_TRUSTED_PROXIES', () => parseTrustedProxies(c.PATCHBAY_TRUSTED_PROXIES)),
    corsOrigins: parseVariable('PATCHBAY_CORS_ORIGINS', () => parseCorsOrigins(c.PATCHBAY_CORS_ORIGINS)),
    smtpUrl: c.PATCHBAY_SMTP_URL,
    signup: c.PATCHBAY_SIGNUP ?? (production ? 'invite' : 'open'),
    hookMaxBodyBytes: c.PATCHBAY_HOOK_MAX_BODY_BYTES,
  };
}
