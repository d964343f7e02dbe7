import { type AppRouter, createAppRouter } from '@patchbay/api';
import type { AnyConnector } from '@patchbay/sdk';
import type { TrpcRouteOptions } from '../trpc-route.ts';
import { testAccounts } from './test-accounts.ts';
import type { TestServer } from './test-server.ts';

/** What a route that runs procedures needs, over a test server's database and engine. */
export function testRouteOptions(server: TestServer, connectors: AnyConnector[]): TrpcRouteOptions & { router: AppRouter } {
  return {
    db: server.db,
    engine: server.engine,
    router: createAppRouter(connectors),
    version: 'test',
    secureCookies: false,
    accounts: testAccounts(server.url).services,
  };
}
