/**
 * @module The installed connectors, validated once at startup: a bad connector stops the
 * server with one line naming it, instead of failing on the first call.
 */
import {
  type AnyConnector,
  actionTimeoutProblem,
  type ConnectorDescription,
  connectorSdkMajor,
  describeConnector,
  hostTemplateProblem,
  SDK_MAJOR,
} from '@patchbay/sdk';
import { refusedBaseUrl, withBaseUrls } from './base-url-overrides.ts';
import type { OAuthAppDefaults, PatchbayConfig } from './config.ts';

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
}

export interface ConnectorRegistry {
  get(id: string): AnyConnector | undefined;
  list(): readonly AnyConnector[];
  /** The catalog: every connector with JSON Schemas for its actions' input and output. */
  catalog(): readonly ConnectorDescription[];
  /** The operator-wide OAuth app for a connector, if configured. */
  oauthDefaults(id: string): OAuthAppDefaults | undefined;
}

const CONNECTOR_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function validate(connector: AnyConnector): ConnectorDescription {
  const id = typeof connector?.id === 'string' ? connector.id : '<no id>';
  if (!CONNECTOR_ID.test(id)) throw new RegistryError(`connector "${id}": the id must be kebab-case (a-z, 0-9, -)`);
  const major = connectorSdkMajor(connector);
  if (major === undefined) throw new RegistryError(`connector "${id}" was not made with defineConnector from @patchbay/sdk`);
  if (major !== SDK_MAJOR) {
    throw new RegistryError(`connector "${id}" was built for @patchbay/sdk major ${major}; this server runs major ${SDK_MAJOR}`);
  }
  for (const [name, action] of Object.entries(connector.actions)) {
    if (!ACTION_NAME.test(name)) throw new RegistryError(`connector "${id}": action name "${name}" is not an identifier`);
    const badTimeout = actionTimeoutProblem(action.timeoutMs);
    if (badTimeout) throw new RegistryError(`connector "${id}": action "${name}": ${badTimeout}`);
  }
  // A placeholder with no declared host pattern would let a connection's params choose any host.
  const templateProblem = hostTemplateProblem(connector);
  if (templateProblem) throw new RegistryError(`connector "${id}": ${templateProblem}`);
  try {
    return describeConnector(connector);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new RegistryError(`connector "${id}": a schema cannot be converted to JSON Schema (${reason})`);
  }
}

function applyBaseUrls(byId: Map<string, AnyConnector>, config: PatchbayConfig, production: boolean): void {
  const overrides = (config.baseUrls ?? {}) as Record<string, readonly string[] | undefined>;
  for (const [id, urls] of Object.entries(overrides)) {
    const connector = byId.get(id);
    if (!connector) throw new RegistryError(`baseUrls names "${id}", which is not an installed connector`);
    if (!urls || urls.length === 0) throw new RegistryError(`baseUrls for "${id}" is empty`);
    for (const url of urls) {
      const refused = refusedBaseUrl(url, production);
      if (refused) throw new RegistryError(`baseUrls for "${id}": ${refused}`);
    }
    byId.set(id, withBaseUrls(connector, urls));
  }
}

/** Validates the configured connectors and indexes them by id. */
export function createRegistry(
  config: PatchbayConfig,
  options: { production?: boolean } = { production: process.env.NODE_ENV === 'production' },
): ConnectorRegistry {
  const byId = new Map<string, AnyConnector>();
  for (const connector of config.connectors) {
    validate(connector);
    if (byId.has(connector.id)) throw new RegistryError(`connector "${connector.id}" is installed twice`);
    byId.set(connector.id, connector);
  }
  applyBaseUrls(byId, config, options.production ?? false);
  // Described after the overrides, so the catalog shows the hosts this deployment calls.
  const catalog: ConnectorDescription[] = [...byId.values()].map((c) => describeConnector(c));
  const defaults = (config.oauthApps ?? {}) as Record<string, OAuthAppDefaults | undefined>;
  for (const id of Object.keys(defaults)) {
    if (!byId.has(id)) throw new RegistryError(`oauthApps names "${id}", which is not an installed connector`);
    if (byId.get(id)?.auth.kind !== 'oauth2') throw new RegistryError(`oauthApps names "${id}", which does not use OAuth`);
  }
  const connectors = [...byId.values()];
  return {
    get: (id) => byId.get(id),
    list: () => connectors,
    catalog: () => catalog,
    oauthDefaults: (id) => (Object.hasOwn(defaults, id) ? defaults[id] : undefined),
  };
}
