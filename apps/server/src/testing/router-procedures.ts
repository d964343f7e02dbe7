/**
 * @module Test helper: every procedure of a tRPC router by its path, read from the router's
 * definition, so tests built from the router (isolation, permissions) fail when a new procedure
 * is left uncovered. The one place that walks tRPC's internals.
 */
export function routerProcedures<Def>(router: unknown): Record<string, { _def: Def }> {
  return (router as { _def: { procedures: Record<string, { _def: Def }> } })._def.procedures;
}
