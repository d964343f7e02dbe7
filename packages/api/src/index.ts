export type { ApiContext, SessionCookies } from './context.ts';
export type { ApiErrorCode } from './error-codes.ts';
export { API_ERROR_CODES, API_ERROR_MEANINGS } from './error-codes.ts';
export type { Actor, Principal } from './procedures.ts';
export type { AppRouter, RouterInputs, RouterOutputs } from './router.ts';
export { appRouter } from './router.ts';
export type { ApiErrorData } from './trpc.ts';
export { createCallerFactory } from './trpc.ts';
