/**
 * @module What createProduct and updateProduct share: the product fields a caller may set
 * (https://shopify.dev/docs/api/admin-graphql/2026-10/input-objects/ProductCreateInput) and the
 * product they get back.
 */
import { z } from 'zod';

export const productFields = z.object({
  title: z.string().min(1).max(255),
  descriptionHtml: z.string().max(512_000).optional(),
  vendor: z.string().max(255).optional(),
  productType: z.string().max(255).optional(),
  status: z.enum(['ACTIVE', 'ARCHIVED', 'DRAFT']).optional(),
  tags: z.array(z.string().max(255)).max(250).optional(),
});

export const savedProduct = z.object({ id: z.string(), title: z.string(), handle: z.string(), status: z.string() });

/** The product selection and the payload's `userErrors` (plain `UserError`: field and message). */
export const PRODUCT_PAYLOAD = 'product { id title handle status } userErrors { field message }';
