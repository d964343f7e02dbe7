/**
 * @module A deployment's configuration, `patchbay.config.ts`: which connectors are installed
 * and, optionally, operator-wide OAuth apps that tenants without their own use.
 */
import type { AnyConnector } from '@patchbay/sdk';

export interface OAuthAppDefaults {
  clientId: string;
  clientSecret: string;
  /** Scopes to request instead of the connector's declared ones. */
  scopes?: readonly string[];
  /**
   * The app's webhook signing secret (Slack's "Signing Secret"), for triggers the provider sends
   * to one app-level URL, `POST /hooks/app/<connector id>`, for every account.
   */
  signingSecret?: string;
}

export interface PatchbayConfig<C extends readonly AnyConnector[] = readonly AnyConnector[]> {
  connectors: C;
  /** Operator-wide OAuth apps by connector id; a tenant's own (`oauthApps.set`) wins. */
  oauthApps?: Partial<Record<C[number]['id'], OAuthAppDefaults>>;
  /**
   * Base URLs to call instead of a connector's declared ones, by connector id: a sandbox or a
   * local mock. Refused for private hosts when NODE_ENV=production (base-url-overrides.ts).
   */
  baseUrls?: Partial<Record<C[number]['id'], readonly string[]>>;
}

/**
 * Declares a deployment. The connector tuple stays literal, so the typed router (and so the
 * client) knows every installed action.
 *
 * @example
 * export default defineConfig({ connectors: [slack, stripe] });
 */
export function defineConfig<const C extends readonly AnyConnector[]>(config: PatchbayConfig<C>): PatchbayConfig<C> {
  return config;
}
