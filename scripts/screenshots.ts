/**
 * @module `pnpm screenshots`: the dashboard's pages photographed into docs/screenshots/. The
 * work lives with the server (apps/server/src/screenshots/), next to the test helpers and the
 * browser it drives; this is the command's entry.
 */
await import('../apps/server/src/screenshots/main.ts');
