/**
 * @module The paths the server answers itself. The server's dashboard fallback never takes them,
 * and `pnpm dev`'s Vite proxies them to the server; one list keeps the two in step.
 */
export const SERVER_PATHS = [
  '/trpc',
  '/oauth',
  '/hooks',
  '/proxy',
  '/v1',
  '/mcp',
  '/openapi.json',
  '/healthz',
  '/readyz',
  '/connect',
] as const;
