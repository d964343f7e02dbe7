export type { inferRouterInputs as RouterInputs, inferRouterOutputs as RouterOutputs } from '@trpc/server';
export type { PatchbayClientError, PatchbayErrorData } from './client-error.ts';
export { isPatchbayClientError } from './client-error.ts';
export type { PatchbayBrowserClientOptions, PatchbayClient, PatchbayClientOptions } from './create-client.ts';
export { createPatchbayBrowserClient, createPatchbayClient, DEFAULT_MAX_BATCH_SIZE } from './create-client.ts';
export type { ProcedureShape, RouterFromShape, RouterShape } from './router-from-shape.ts';
