/**
 * @module Connection parameters (`connectionParams` on a connector): validated once when a
 * connection is made (before any redirect or provider call), stored in `connections.metadata`
 * under `params`, and read by actions as `ctx.connection.params`.
 */
import type { AnyConnector } from '../define.ts';
import { ConnectorError, isConnectorError } from '../errors.ts';
import { hasTemplates, resolveHostTemplate, templateProblem } from './host-template.ts';

/** Every URL of a connector that may be a template: its base URLs and its OAuth endpoints. */
export function connectorUrls(connector: AnyConnector): string[] {
  const auth = connector.auth;
  const oauth = auth.kind === 'oauth2' ? [auth.authorizationUrl, auth.tokenUrl, auth.revokeUrl] : [];
  return [...connector.baseUrls, ...oauth].filter((u): u is string => typeof u === 'string');
}

/** Whether the connector's base URLs depend on the connection (they then go through the egress guard). */
export function hasTemplatedBaseUrls(connector: AnyConnector): boolean {
  return hasTemplates(connector.baseUrls);
}

/** The first mistake in a connector's templates (a placeholder without a pattern or a param), or undefined. */
export function hostTemplateProblem(connector: AnyConnector): string | undefined {
  const names = Object.keys(connector.connectionParams?.shape ?? {});
  for (const url of connectorUrls(connector)) {
    const problem = templateProblem(url, connector.hostPatterns, names);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Validates raw connection parameters against the connector's schema and checks that every
 * templated URL resolves with them. Returns the parsed params (defaults applied); throws an
 * INVALID_INPUT ConnectorError whose `path` names the field (`params.shop`).
 *
 * @example
 * parseConnectionParams(shopify, { shop: 'acme' }) // { shop: 'acme' }
 * parseConnectionParams(shopify, { shop: 'evil.com#' }) // throws INVALID_INPUT at params.shop
 */
export function parseConnectionParams(connector: AnyConnector, raw: unknown): Record<string, unknown> {
  const schema = connector.connectionParams;
  if (!schema) {
    const empty = raw === undefined || raw === null || (typeof raw === 'object' && Object.keys(raw).length === 0);
    if (!empty) throw new ConnectorError('INVALID_INPUT', `${connector.id} takes no connection parameters`, { path: 'params' });
    return {};
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['params', ...(issue?.path ?? [])].join('.');
    throw new ConnectorError('INVALID_INPUT', `Invalid connection parameters at ${path}: ${issue?.message ?? 'invalid'}`, { path });
  }
  const params = parsed.data as Record<string, unknown>;
  for (const url of connectorUrls(connector)) {
    try {
      resolveHostTemplate(url, params, connector.hostPatterns);
    } catch (error) {
      if (!isConnectorError(error)) throw error;
      throw new ConnectorError('INVALID_INPUT', `Invalid connection parameters at ${error.path}: it does not give an allowed host`, {
        path: error.path,
      });
    }
  }
  return params;
}

/** The params stored on a connection (`metadata.params`), or none. */
export function storedParams(metadata: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> {
  const params = metadata?.params;
  return params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
}
