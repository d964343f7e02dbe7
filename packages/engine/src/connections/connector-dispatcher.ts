/**
 * @module Which dispatcher a connector's requests use. A connector whose base URLs are templates
 * (`https://{shop}.myshopify.com`) calls hosts its connections' params name, so its requests go
 * through the egress guard (names resolved and vetted at connect time, private addresses refused
 * in production), on top of the declared host patterns. Others keep the engine's dispatcher.
 */
import { type AnyConnector, hasTemplatedBaseUrls } from '@patchbay/sdk';
import type { Dispatcher } from 'undici';

export interface DispatcherDeps {
  dispatcher?: Dispatcher | undefined;
  /** The egress-guarded dispatcher for templated hosts. */
  hostDispatcher?: Dispatcher | undefined;
}

export function dispatcherFor(deps: DispatcherDeps, connector: AnyConnector): { dispatcher?: Dispatcher } {
  const chosen = hasTemplatedBaseUrls(connector) ? (deps.hostDispatcher ?? deps.dispatcher) : deps.dispatcher;
  return chosen ? { dispatcher: chosen } : {};
}
