/**
 * @module The one GraphQL Admin API version every request uses. Shopify releases a version each
 * quarter and supports it for at least twelve months
 * (https://shopify.dev/docs/api/usage/versioning); moving to a newer one is a deliberate change
 * here, with the fixtures checked against its reference.
 */
export const SHOPIFY_API_VERSION = '2026-10';

/** https://shopify.dev/docs/api/admin-graphql#endpoints */
export const GRAPHQL_PATH = `/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
