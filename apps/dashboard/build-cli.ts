/**
 * @module `pnpm --filter @patchbay/dashboard build`: a production build into dist/ now, stale or
 * not. With `--into <dir>` (how build.ts calls it) it runs Vite into that directory only.
 */
import { buildDashboard, DASHBOARD_DIST, viteBuild } from './build.ts';

const into = process.argv.indexOf('--into');
if (into !== -1 && process.argv[into + 1]) {
  await viteBuild(process.argv[into + 1] ?? '');
} else {
  await buildDashboard();
  process.stdout.write(`dashboard built into ${DASHBOARD_DIST}\n`);
}
