export type { AppRouter, RouterInputs, RouterOutputs } from '@patchbay/api';
export type { PatchbayBrowserClientOptions, PatchbayClient, PatchbayClientOptions } from './create-client.ts';
export { createPatchbayBrowserClient, createPatchbayClient, DEFAULT_MAX_BATCH_SIZE } from './create-client.ts';
