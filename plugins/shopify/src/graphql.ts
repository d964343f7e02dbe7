/**
 * @module One GraphQL Admin API call: POST the query and its variables to the pinned version's
 * endpoint and return `data`, checked by the caller's schema. Top-level `errors` never get here:
 * the connector's `mapError` turns them into typed failures first (shopify-errors.ts).
 */
import type { ActionContext } from '@patchbay/sdk';
import { z } from 'zod';
import { GRAPHQL_PATH } from './api-version.ts';

export interface GraphqlOptions {
  /**
   * The request may be sent again after a 5xx or a reset: true for queries (they change nothing)
   * and for mutations that carry Shopify's `@idempotent` key; a plain mutation is sent once.
   */
  idempotent: boolean;
}

export async function graphql<S extends z.ZodType>(
  ctx: Pick<ActionContext, 'http'>,
  query: string,
  variables: Record<string, unknown>,
  data: S,
  options: GraphqlOptions,
): Promise<z.output<S>> {
  const res = await ctx.http.post(GRAPHQL_PATH, {
    json: { query, variables },
    idempotent: options.idempotent,
    schema: z.object({ data }),
  });
  // Validated by the schema above; TypeScript cannot follow the generic through z.object.
  return (res.data as { data: z.output<S> }).data;
}

export const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
export const money = z.object({ amount: z.string(), currencyCode: z.string() });
