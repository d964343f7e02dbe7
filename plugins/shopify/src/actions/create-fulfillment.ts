/**
 * Reference: https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/fulfillmentCreate
 * Marks the items of fulfillment orders as fulfilled, with tracking. Fulfillment order ids come
 * from the order (`order.fulfillmentOrders`); leaving out `lineItems` fulfils every item of it.
 */
import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { defineShopifyAction } from '../auth.ts';
import { graphql } from '../graphql.ts';
import { rejectUserErrors, userErrors } from '../user-errors.ts';

const CREATE = `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo { number url company } }
    userErrors { field message }
  }
}`;

const fulfillmentOrderGid = z.string().regex(/^gid:\/\/shopify\/FulfillmentOrder\/\d+$/, 'a gid://shopify/FulfillmentOrder/… id');

const fulfillment = z.object({
  id: z.string(),
  status: z.string(),
  trackingInfo: z.array(z.object({ number: z.string().nullable(), url: z.string().nullable(), company: z.string().nullable() })),
});

export const createFulfillment = defineShopifyAction({
  description: 'Fulfil the items of one or more fulfillment orders, with tracking, optionally notifying the customer',
  input: z.object({
    fulfillmentOrders: z
      .array(
        z.object({
          fulfillmentOrderId: fulfillmentOrderGid,
          lineItems: z
            .array(z.object({ id: z.string().min(1), quantity: z.number().int().min(1) }))
            .min(1)
            .optional()
            .describe('fulfillment order line items; all of them when left out'),
        }),
      )
      .min(1),
    tracking: z
      .object({ number: z.string().max(255).optional(), url: z.url().optional(), company: z.string().max(255).optional() })
      .optional(),
    notifyCustomer: z.boolean().default(false),
  }),
  output: fulfillment,
  scopes: ['write_merchant_managed_fulfillment_orders'],
  run: async (input, ctx) => {
    const variables = {
      fulfillment: {
        lineItemsByFulfillmentOrder: input.fulfillmentOrders.map((o) => ({
          fulfillmentOrderId: o.fulfillmentOrderId,
          ...(o.lineItems ? { fulfillmentOrderLineItems: o.lineItems } : {}),
        })),
        ...(input.tracking ? { trackingInfo: input.tracking } : {}),
        notifyCustomer: input.notifyCustomer,
      },
    };
    // No idempotency key on fulfillmentCreate: one try, so a timeout never ships twice.
    const data = await graphql(
      ctx,
      CREATE,
      variables,
      z.object({ fulfillmentCreate: z.object({ fulfillment: fulfillment.nullable(), userErrors }) }),
      { idempotent: false },
    );
    rejectUserErrors(data.fulfillmentCreate.userErrors, 'fulfillment');
    if (!data.fulfillmentCreate.fulfillment)
      throw new ConnectorError('UPSTREAM_CONTRACT', 'Shopify returned neither a fulfillment nor userErrors');
    return data.fulfillmentCreate.fulfillment;
  },
});
