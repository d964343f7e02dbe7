/**
 * @module The router type a generated `patchbay-router.d.ts` describes. `pnpm patchbay
 * client-types` writes each procedure as plain data (`{ type, input, output }`) and the error
 * shape, with no import from the server; this turns that back into a tRPC router type, so
 * `createPatchbayClient<AppRouter>()` in another repository types every call and every error.
 */
import type { TRPCBuiltRouter, TRPCMutationProcedure, TRPCQueryProcedure, TRPCRouterRecord } from '@trpc/server';

/** One procedure as the generated file writes it. */
export interface ProcedureShape {
  type: 'query' | 'mutation';
  input: unknown;
  output: unknown;
}

/** What a generated file declares: the nested procedures and the server's error shape. */
export interface RouterShape {
  procedures: object;
  errorShape: { code: number; message: string; data: object };
}

type RecordFromShape<S> = {
  [K in keyof S]: S[K] extends { type: 'query'; input: infer I; output: infer O }
    ? TRPCQueryProcedure<{ input: I; output: O; meta: object }>
    : S[K] extends { type: 'mutation'; input: infer I; output: infer O }
      ? TRPCMutationProcedure<{ input: I; output: O; meta: object }>
      : RecordFromShape<S[K]>;
};

/** The tRPC router type for a generated shape (plain JSON on the wire: no transformer). */
export type RouterFromShape<S extends RouterShape> = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: S['errorShape']; transformer: false },
  RecordFromShape<S['procedures']> extends infer R extends TRPCRouterRecord ? R : never
>;
