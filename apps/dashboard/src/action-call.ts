/**
 * @module Calling `actions.<connectorId>.<actionName>` for an action chosen at run time. The
 * dashboard's router type is the server's without connectors (it serves any deployment), so the
 * path cannot be spelled in types; the call goes through tRPC's untyped client (same link,
 * headers and batching), its envelope typed by the server's own `ActionCall`.
 */
import type { ActionCall, AppRouter } from '@patchbay/api';
import type { AnyAction } from '@patchbay/sdk';
import { getUntypedClient, type TRPCClient } from '@trpc/client';

export function callAction(
  client: TRPCClient<AppRouter>,
  connectorId: string,
  action: string,
  call: ActionCall<AnyAction>,
): Promise<unknown> {
  return getUntypedClient(client).mutation(`actions.${connectorId}.${action}`, call);
}
