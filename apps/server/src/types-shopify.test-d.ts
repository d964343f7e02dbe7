/** The root deployment gives clients typed Shopify actions: one compiled call per action, and a wrong input refused. */
import { createPatchbayClient } from '@patchbay/client';
import type shopify from '@patchbay/connector-shopify';
import type { inferActionInput, inferActionOutput } from '@patchbay/sdk';
import { expectTypeOf } from 'vitest';
import type { AppRouter } from '../../../patchbay.config.ts';

const client = createPatchbayClient<AppRouter>({ url: 'http://127.0.0.1:3000', apiKey: 'pbk_x' });
type ListOrders = typeof client.actions.shopify.listOrders.mutate;

expectTypeOf<Parameters<ListOrders>[0]['input']>().toEqualTypeOf<inferActionInput<typeof shopify, 'listOrders'>>();
expectTypeOf<Awaited<ReturnType<ListOrders>>>().toEqualTypeOf<inferActionOutput<typeof shopify, 'listOrders'>>();

export async function everyShopifyAction(connectionId: string) {
  const a = client.actions.shopify;
  const orders = await a.listOrders.mutate({ connectionId, input: { first: 10, query: 'financial_status:paid' } });
  expectTypeOf(orders.pageInfo.endCursor).toEqualTypeOf<string | null>();
  const products = await a.listProducts.mutate({ connectionId, input: { after: orders.pageInfo.endCursor ?? undefined } });
  expectTypeOf(products.products[0]?.variants[0]?.price).toEqualTypeOf<string | undefined>();
  await a.createProduct.mutate({ connectionId, input: { title: 'Mug', status: 'DRAFT' } });
  await a.updateProduct.mutate({ connectionId, input: { id: 'gid://shopify/Product/1', tags: ['sale'] } });
  await a.adjustInventory.mutate({
    connectionId,
    input: { changes: [{ inventoryItemId: 'gid://shopify/InventoryItem/1', locationId: 'gid://shopify/Location/1', delta: 3 }] },
  });
  await a.createFulfillment.mutate({
    connectionId,
    input: { fulfillmentOrders: [{ fulfillmentOrderId: 'gid://shopify/FulfillmentOrder/1' }] },
  });
  const bulk = await a.runBulkQuery.mutate({ connectionId, input: { query: '{ products { edges { node { id } } } }' } });
  expectTypeOf(bulk.url).toEqualTypeOf<string | null>();
  // @ts-expect-error a product status is ACTIVE, ARCHIVED or DRAFT
  await a.createProduct.mutate({ connectionId, input: { title: 'Mug', status: 'PUBLISHED' } });
}
