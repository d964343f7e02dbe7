import { publicProcedure } from '../procedures.ts';
import { router } from '../trpc.ts';

export const systemRouter = router({
  /** The running version, so clients and operators can tell what they talk to. */
  version: publicProcedure.query(({ ctx }) => ({
    name: 'patchbay' as const,
    version: ctx.version,
    node: process.version,
  })),
});
