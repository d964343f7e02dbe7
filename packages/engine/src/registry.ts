/**
 * @module The installed connectors, validated once at startup: a bad connector stops the
 * server with one line naming it, instead of failing on the first call.
 */
import { type AnyConnector, type ConnectorDescription, connectorSdkMajor, describeConnector, SDK_MAJOR } from '@patchbay/sdk';
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
  for (const name of Object.keys(connector.actions)) {
    if (!ACTION_NAME.test(name)) throw new RegistryError(`connector "${id}": action name "${name}" is not an identifier`);
  }
  try {
    return describeConnector(connector);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new RegistryError(`connector "${id}": a schema cannot be converted to JSON Schema (${reason})`);
  }
}

/** Validates the configured connectors and indexes them by id. */
export function createRegistry(config: PatchbayConfig): ConnectorRegistry {
  const byId = new Map<string, AnyConnector>();
  const catalog: ConnectorDescription[] = [];
  for (const connector of config.connectors) {
    const description = validate(connector);
    if (byId.has(connector.id)) throw new RegistryError(`connector "${connector.id}" is installed twice`);
    byId.set(connector.id, connector);
    catalog.push(description);
  }
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
