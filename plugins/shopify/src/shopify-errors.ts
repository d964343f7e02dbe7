/**
 * @module Shopify's failures (https://shopify.dev/docs/api/admin-graphql#status-and-error-codes):
 * GraphQL answers most of them with HTTP 200 and top-level `errors` (`THROTTLED`, `ACCESS_DENIED`,
 * `MAX_COST_EXCEEDED`, invalid variables); HTTP statuses carry the rest: 401 a dead token, 402 a
 * frozen or unpaid shop, 403 a missing scope, 404 a shop that is gone, 423 a locked shop, 429 and
 * 5xx. Mutation `userErrors` are read by the actions themselves (user-errors.ts).
 */
import { ConnectorError, type ConnectorErrorCode, mapErrorsFrom, type ProviderResponse, readPath } from '@patchbay/sdk';

/** Top-level GraphQL error codes that are not the caller's input. */
const GRAPHQL_CODES: Readonly<Record<string, ConnectorErrorCode>> = {
  ACCESS_DENIED: 'FORBIDDEN_SCOPE',
  SHOP_INACTIVE: 'FORBIDDEN_SCOPE',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'UPSTREAM',
};

interface GraphqlError {
  message?: unknown;
  extensions?: { code?: unknown; problems?: { path?: unknown[] }[] };
}

/**
 * The wait a throttled query needs, from the calculated cost Shopify reports
 * (https://shopify.dev/docs/api/usage/limits#graphql-admin-api-rate-limits): the points the
 * query asked for that the bucket lacks, divided by the points it regains each second.
 */
export function throttleWaitMs(body: unknown): number {
  const requested = Number(readPath(body, 'extensions.cost.requestedQueryCost'));
  const available = Number(readPath(body, 'extensions.cost.throttleStatus.currentlyAvailable'));
  const restoreRate = Number(readPath(body, 'extensions.cost.throttleStatus.restoreRate'));
  if (!(restoreRate > 0) || !Number.isFinite(requested) || !Number.isFinite(available)) return 1_000;
  return Math.max(1_000, Math.ceil(((requested - available) / restoreRate) * 1000));
}

function graphqlError(response: ProviderResponse): ConnectorError | undefined {
  const errors = readPath(response.body, 'errors');
  if (response.status !== 200 || !Array.isArray(errors) || errors.length === 0) return undefined;
  const first = errors[0] as GraphqlError;
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : undefined;
  const said = typeof first.message === 'string' ? first.message.slice(0, 300) : 'GraphQL error';
  if (errors.some((e: GraphqlError) => e.extensions?.code === 'THROTTLED')) {
    return new ConnectorError('RATE_LIMITED', 'Shopify rate limit: the query cost more points than the bucket holds now', {
      status: 200,
      providerCode: 'THROTTLED',
      retryAfterMs: throttleWaitMs(response.body),
    });
  }
  const mapped = code ? GRAPHQL_CODES[code] : undefined;
  if (mapped) return new ConnectorError(mapped, `Shopify refused: ${said}`, { status: 200, providerCode: code });
  // Anything else (invalid variables, MAX_COST_EXCEEDED) is a request Shopify will never run as sent.
  const problem = first.extensions?.problems?.[0]?.path;
  const path = Array.isArray(problem) && problem.length > 0 ? problem.join('.') : undefined;
  return new ConnectorError('INVALID_INPUT', `Shopify refused: ${said}`, { status: 200, providerCode: code, path });
}

const httpError = mapErrorsFrom({
  provider: 'Shopify',
  statuses: { from: 400, to: 499 },
  // REST-style bodies: `{ errors: "..." }`; never echo more than that string.
  message: 'errors',
  byStatus: { 402: 'FORBIDDEN_SCOPE', 403: 'FORBIDDEN_SCOPE', 404: 'NOT_FOUND', 423: 'FORBIDDEN_SCOPE' },
  // Shopify's Retry-After is seconds, possibly fractional ("2.0").
  wait: [{ header: 'retry-after', as: 'seconds' }],
  verbs: {
    FORBIDDEN_SCOPE: ({ status }) =>
      status === 402 ? 'refused (shop frozen or unpaid)' : status === 423 ? 'refused (shop locked)' : 'refused',
  },
});

/** The connector's `mapError`: GraphQL errors in a 200 body first, then HTTP statuses (401 and 5xx keep the SDK's reading). */
export function shopifyError(response: ProviderResponse): ConnectorError | undefined {
  if (response.status === 401) return undefined;
  return graphqlError(response) ?? httpError(response);
}
