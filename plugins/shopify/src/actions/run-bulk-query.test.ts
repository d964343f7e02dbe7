import { connectorFailure, createTestHarness, type Harness } from '@patchbay/sdk/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GRAPHQL_PATH } from '../api-version.ts';
import { shopify } from '../index.ts';
import { harnessOptions, sentGraphql } from '../testing-fixtures.ts';

let h: Harness<typeof shopify>;
beforeEach(() => {
  h = createTestHarness(shopify, harnessOptions);
});
afterEach(() => h.close());

const ID = 'gid://shopify/BulkOperation/77';
const op = (status: string, url: string | null = null) => ({
  data: { node: { id: ID, status, errorCode: null, objectCount: status === 'COMPLETED' ? '1200' : '10', url, partialDataUrl: null } },
});
const started = { data: { bulkOperationRunQuery: { bulkOperation: { id: ID }, userErrors: [] } } };

it('starts the export, polls it by id until COMPLETED, and returns the JSONL URL', async () => {
  h.on('POST', GRAPHQL_PATH)
    .reply(200, started)
    .reply(200, op('CREATED'))
    .reply(200, op('RUNNING'))
    .reply(200, op('COMPLETED', 'https://storage.googleapis.com/shopify-bulk/77.jsonl'));
  const out = await h.run('runBulkQuery', { query: '{ products { edges { node { id } } } }', pollIntervalMs: 100 });
  expect(out).toMatchObject({
    id: ID,
    status: 'COMPLETED',
    objectCount: '1200',
    url: 'https://storage.googleapis.com/shopify-bulk/77.jsonl',
  });
  const bodies = h.requests.map((r) => r.json() as { query: string; variables: Record<string, unknown> });
  expect(bodies[0]?.query).toContain('bulkOperationRunQuery(query: $query)');
  expect(bodies[0]?.variables).toEqual({ query: '{ products { edges { node { id } } } }' });
  expect(bodies.slice(1).map((b) => b.variables)).toEqual([{ id: ID }, { id: ID }, { id: ID }]);
});

it('returns a still-running export when the wait ends, and resumes it by operationId without starting another', async () => {
  h.on('POST', GRAPHQL_PATH).reply(200, started).reply(200, op('RUNNING'));
  const first = await h.run('runBulkQuery', { query: '{ orders { edges { node { id } } } }', maxWaitMs: 0 });
  expect(first).toMatchObject({ id: ID, status: 'RUNNING', url: null });
  h.on('POST', GRAPHQL_PATH).reply(200, op('COMPLETED', 'https://storage.googleapis.com/shopify-bulk/77.jsonl'));
  const second = await h.run('runBulkQuery', { operationId: ID });
  expect(second.status).toBe('COMPLETED');
  expect(sentGraphql(h.requests, 2).query).not.toContain('bulkOperationRunQuery');
});

it('reports a bulk query Shopify refuses as INVALID_INPUT', async () => {
  h.on('POST', GRAPHQL_PATH).reply(200, {
    data: {
      bulkOperationRunQuery: {
        bulkOperation: null,
        userErrors: [{ field: ['query'], message: 'Bulk queries must contain at least one connection.', code: 'INVALID' }],
      },
    },
  });
  expect(await connectorFailure(h.run('runBulkQuery', { query: '{ shop { id } }' }))).toMatchObject({
    code: 'INVALID_INPUT',
    providerCode: 'INVALID',
  });
});

it('refuses both or neither of query and operationId', async () => {
  expect(await connectorFailure(h.run('runBulkQuery', {}))).toMatchObject({ code: 'INVALID_INPUT', path: 'query' });
  expect(await connectorFailure(h.run('runBulkQuery', { query: '{ a }', operationId: ID }))).toMatchObject({ code: 'INVALID_INPUT' });
  expect(h.requests).toHaveLength(0);
});
