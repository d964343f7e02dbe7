import { authedProcedure } from '../procedures.ts';
import { router } from '../trpc.ts';

export const connectorsRouter = router({
  /** The installed connectors: id, version, auth kind, scopes, actions with JSON Schemas. */
  list: authedProcedure.query(({ ctx }) => ctx.engine.registry.catalog()),
});
