/**
 * Reference: https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/inventoryAdjustQuantities
 * Adds or removes stock at locations by a delta. Since 2026-04 the mutation requires Shopify's
 * `@idempotent(key:)` directive (https://shopify.dev/docs/api/usage/idempotent-requests); the
 * run's idempotency key goes there, so a resend after a 5xx or a timeout cannot adjust twice.
 */
import { randomUUID } from 'node:crypto';
import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { defineShopifyAction } from '../auth.ts';
import { graphql } from '../graphql.ts';
import { rejectUserErrors, userErrors } from '../user-errors.ts';

const ADJUST = `mutation InventoryAdjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}`;

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `a ${type} GID like gid://shopify/${type}/123`);

const change = z.object({
  inventoryItemId: gid('InventoryItem'),
  locationId: gid('Location'),
  delta: z
    .number()
    .int()
    .refine((d) => d !== 0, 'a non-zero delta'),
  /** The quantity you expect before the change (compare-and-set); null skips the check. */
  changeFromQuantity: z.number().int().nullable().default(null),
});

const adjustmentGroup = z.object({
  id: z.string(),
  reason: z.string(),
  changes: z.array(z.object({ name: z.string(), delta: z.number().int(), quantityAfterChange: z.number().int().nullable() })),
});

export const adjustInventory = defineShopifyAction({
  description: 'Adjust inventory quantities at locations by a delta (e.g. +5 received, -2 damaged)',
  input: z.object({
    name: z.enum(['available', 'damaged', 'incoming', 'quality_control', 'reserved', 'safety_stock']).default('available'),
    reason: z.string().min(1).max(64).default('correction').describe('Shopify reason code: correction, received, damaged, ...'),
    referenceDocumentUri: z.string().max(2048).optional(),
    changes: z.array(change).min(1).max(250),
  }),
  output: adjustmentGroup,
  scopes: ['write_inventory'],
  idempotent: true,
  run: async (input, ctx) => {
    // The engine always sets one; a run without it (a bare harness) still gets one per run.
    const key = ctx.idempotencyKey ?? randomUUID();
    const data = await graphql(
      ctx,
      ADJUST,
      { input, key },
      z.object({ inventoryAdjustQuantities: z.object({ inventoryAdjustmentGroup: adjustmentGroup.nullable(), userErrors }) }),
      { idempotent: true },
    );
    rejectUserErrors(data.inventoryAdjustQuantities.userErrors, 'input');
    const group = data.inventoryAdjustQuantities.inventoryAdjustmentGroup;
    if (!group) throw new ConnectorError('UPSTREAM_CONTRACT', 'Shopify returned neither an adjustment nor userErrors');
    return group;
  },
});
