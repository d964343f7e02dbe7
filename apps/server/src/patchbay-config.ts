/**
 * @module Reads the deployment's `patchbay.config.ts` (or the file `PATCHBAY_CONFIG` names) and
 * validates its connectors. Any problem is one ConfigError line naming the file and the fault.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ConnectorRegistry, createRegistry, type PatchbayConfig, parseBaseUrlsEnv, RegistryError } from '@patchbay/engine';
import { ConfigError } from './config.ts';

export const CONFIG_FILE = 'patchbay.config.ts';

export interface LoadedPatchbayConfig {
  config: PatchbayConfig;
  registry: ConnectorRegistry;
  /** The file read, or undefined when there was none (no connectors installed). */
  file: string | undefined;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

/** The config's base-URL overrides with PATCHBAY_BASE_URLS laid over them (the environment wins). */
function withEnvBaseUrls(config: PatchbayConfig, env: string | undefined): PatchbayConfig {
  let fromEnv: Record<string, string[]>;
  try {
    fromEnv = parseBaseUrlsEnv(env);
  } catch (error) {
    throw new ConfigError(firstLine(error));
  }
  if (Object.keys(fromEnv).length === 0) return config;
  return { ...config, baseUrls: { ...config.baseUrls, ...fromEnv } };
}

export async function loadPatchbayConfig(
  configured: string | undefined,
  cwd = process.cwd(),
  baseUrlsEnv = process.env.PATCHBAY_BASE_URLS,
): Promise<LoadedPatchbayConfig> {
  const file = configured ? path.resolve(cwd, configured) : path.join(cwd, CONFIG_FILE);
  if (!existsSync(file)) {
    if (configured) throw new ConfigError(`PATCHBAY_CONFIG names ${file}, which does not exist`);
    const config = withEnvBaseUrls({ connectors: [] }, baseUrlsEnv);
    try {
      return { config, registry: createRegistry(config), file: undefined };
    } catch (error) {
      if (error instanceof RegistryError) throw new ConfigError(error.message);
      throw error;
    }
  }
  let loaded: unknown;
  try {
    loaded = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (error) {
    throw new ConfigError(`cannot load ${path.basename(file)}: ${firstLine(error)}`);
  }
  const declared = loaded as PatchbayConfig | undefined;
  if (!declared || typeof declared !== 'object' || !Array.isArray(declared.connectors)) {
    throw new ConfigError(`${path.basename(file)} must export default defineConfig({ connectors: [...] })`);
  }
  const config = withEnvBaseUrls(declared, baseUrlsEnv);
  try {
    return { config, registry: createRegistry(config), file };
  } catch (error) {
    if (error instanceof RegistryError) throw new ConfigError(`${path.basename(file)}: ${error.message}`);
    throw error;
  }
}
