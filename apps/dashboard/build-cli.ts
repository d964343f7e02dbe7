/** @module `pnpm --filter @patchbay/dashboard build`: a production build into dist/ now, stale or not. */
import { buildDashboard, DASHBOARD_DIST } from './build.ts';

await buildDashboard();
process.stdout.write(`dashboard built into ${DASHBOARD_DIST}\n`);
