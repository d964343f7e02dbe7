/**
 * @module The customers a grant can act for, to choose one after connecting. Without a manager,
 * `customers:listAccessibleCustomers` (ids only: naming each would cost one query per account);
 * with a manager (`loginCustomerId`), its enabled client accounts from a `customer_client` query,
 * named, each reached through that manager
 * (https://developers.google.com/google-ads/api/docs/account-management/get-account-hierarchy).
 */
import type { ActionContext, DiscoveredAccount } from '@patchbay/sdk';
import { z } from 'zod';
import { apiPath, formatCustomerId } from './api.ts';
import { loginHeaders } from './customer.ts';

export const accessibleCustomers = z.object({ resourceNames: z.array(z.string()).default([]) });

const clientRows = z.object({
  results: z
    .array(
      z.object({
        customerClient: z.object({ id: z.string(), descriptiveName: z.string().optional(), manager: z.boolean().optional() }),
      }),
    )
    .default([]),
});

const CLIENTS_QUERY =
  "SELECT customer_client.id, customer_client.descriptive_name, customer_client.manager FROM customer_client WHERE customer_client.status = 'ENABLED' AND customer_client.manager = FALSE";

/** `customers/1234567890` → `1234567890`. */
export const idOf = (resourceName: string): string => resourceName.replace(/^customers\//, '');

type DiscoverContext = ActionContext<object, { customerId?: string | undefined; loginCustomerId?: string | undefined }>;

export async function discoverCustomers(ctx: DiscoverContext): Promise<DiscoveredAccount[]> {
  const all = await listCustomers(ctx);
  const wanted = ctx.connection.params.customerId;
  // A customer named up front that the grant cannot reach is offered nothing: the connection waits, unusable.
  return wanted ? all.filter((a) => a.id === wanted) : all;
}

async function listCustomers(ctx: DiscoverContext): Promise<DiscoveredAccount[]> {
  const manager = ctx.connection.params.loginCustomerId;
  if (!manager) {
    const res = await ctx.http.get(apiPath('customers:listAccessibleCustomers'), { schema: accessibleCustomers });
    return res.data.resourceNames.map((name) => {
      const id = idOf(name);
      return { id, name: formatCustomerId(id), metadata: { loginCustomerId: null } };
    });
  }
  const res = await ctx.http.post(apiPath(`customers/${manager}/googleAds:search`), {
    json: { query: CLIENTS_QUERY },
    headers: loginHeaders(manager),
    idempotent: true,
    schema: clientRows,
  });
  // Patchbay keeps at most 1000 discovered accounts (checkDiscovered); larger hierarchies are cut there.
  return res.data.results.slice(0, 1000).map(({ customerClient: c }) => ({
    id: c.id,
    name: c.descriptiveName ? `${c.descriptiveName} (${formatCustomerId(c.id)})` : formatCustomerId(c.id),
    metadata: { loginCustomerId: manager },
  }));
}
