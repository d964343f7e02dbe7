/** @module `pnpm dashboard:size`: builds the dashboard when stale and prints its first-load JavaScript size. */
import { DASHBOARD_DIST, ensureDashboardBuilt } from '@patchbay/dashboard/build';
import { FIRST_LOAD_BUDGET_GZIP, firstLoadJs } from '@patchbay/dashboard/size';

await ensureDashboardBuilt();
const size = await firstLoadJs(DASHBOARD_DIST);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(
  `first-load JS: ${size.files.join(', ')}\n  raw ${kb(size.rawBytes)}, gzip ${kb(size.gzipBytes)} (budget ${kb(FIRST_LOAD_BUDGET_GZIP)})\n`,
);
if (size.gzipBytes > FIRST_LOAD_BUDGET_GZIP) process.exit(1);
