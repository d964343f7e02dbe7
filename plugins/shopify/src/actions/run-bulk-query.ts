/**
 * Reference: https://shopify.dev/docs/api/usage/bulk-operations/queries
 * (https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/bulkOperationRunQuery)
 * Starts a bulk export, polls the operation until it ends or `maxWaitMs` passes, and returns
 * the JSONL result URL (valid for seven days). An export still running when the wait ends comes
 * back with `status: RUNNING`: call again with its `operationId` to keep waiting, without
 * starting another one.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';
import { defineShopifyAction } from '../auth.ts';
import { graphql } from '../graphql.ts';
import { rejectUserErrors, userErrors } from '../user-errors.ts';

const START = `mutation BulkStart($query: String!) {
  bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { field message code } }
}`;

// currentBulkOperation is deprecated since 2026-04: the operation is read by its id.
const POLL = `query BulkPoll($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount url partialDataUrl } }
}`;

const operation = z.object({
  id: z.string(),
  status: z.enum(['CANCELED', 'CANCELING', 'COMPLETED', 'CREATED', 'EXPIRED', 'FAILED', 'RUNNING']),
  errorCode: z.string().nullable(),
  objectCount: z.string(),
  url: z.string().nullable(),
  partialDataUrl: z.string().nullable(),
});

const ENDED = new Set(['CANCELED', 'COMPLETED', 'EXPIRED', 'FAILED']);

export const runBulkQuery = defineShopifyAction({
  description: 'Run a bulk export query and return the URL of its JSONL result once it completes',
  input: z
    .object({
      query: z
        .string()
        .min(1)
        .max(50_000)
        .optional()
        .describe('a query with one top-level connection, e.g. { products { edges { node { id title } } } }'),
      operationId: z
        .string()
        .regex(/^gid:\/\/shopify\/BulkOperation\/\d+$/)
        .optional()
        .describe('keep waiting for an export started earlier instead of starting one'),
      pollIntervalMs: z.number().int().min(100).max(60_000).default(2_000),
      maxWaitMs: z.number().int().min(0).max(540_000).default(120_000),
    })
    .refine((i) => (i.query === undefined) !== (i.operationId === undefined), {
      message: 'give either query or operationId',
      path: ['query'],
    }),
  output: operation,
  // Polling may take minutes; the deadline stays above the longest maxWaitMs.
  timeoutMs: 600_000,
  run: async (input, ctx) => {
    let id = input.operationId;
    if (input.query !== undefined) {
      // Shopify runs one bulk query per shop at a time and starts nothing twice for a resend.
      const started = await graphql(
        ctx,
        START,
        { query: input.query },
        z.object({ bulkOperationRunQuery: z.object({ bulkOperation: z.object({ id: z.string() }).nullable(), userErrors }) }),
        { idempotent: false },
      );
      rejectUserErrors(started.bulkOperationRunQuery.userErrors, 'query');
      id = started.bulkOperationRunQuery.bulkOperation?.id;
    }
    if (!id) throw new ConnectorError('UPSTREAM_CONTRACT', 'Shopify returned neither a bulk operation nor userErrors');
    const deadline = Date.now() + input.maxWaitMs;
    for (;;) {
      const polled = await graphql(ctx, POLL, { id }, z.object({ node: operation.nullable() }), { idempotent: true });
      if (!polled.node) throw new ConnectorError('NOT_FOUND', `Shopify knows no bulk operation ${id}`, { path: 'operationId' });
      if (ENDED.has(polled.node.status) || Date.now() + input.pollIntervalMs > deadline) return polled.node;
      await sleep(input.pollIntervalMs, undefined, { signal: ctx.signal });
    }
  },
});
