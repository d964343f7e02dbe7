/**
 * @module `pnpm dev`: the API server, restarted on change, with the dashboard served by Vite
 * (HMR) on its own port, proxying the API paths to the server. The server skips building and
 * serving the dashboard itself (PATCHBAY_DASHBOARD=off) so edits are not rebuilt twice.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createServer } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 3000);
process.env.PATCHBAY_API_URL ??= `http://127.0.0.1:${port}`;
const vite = await createServer({ configFile: path.join(root, 'apps/dashboard/vite.config.ts') });
await vite.listen();
const dashboardUrl = (vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/').replace(/\/+$/, '');
const server = spawn(
  process.execPath,
  ['--watch-path=apps/server', '--watch-path=packages', '--watch-path=plugins', '--watch-path=migrations', 'apps/server/src/main.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    // The browser is on Vite's origin, so mailed links (the dashboard's /verify-email, ...), OAuth
    // callbacks and connect links are built on it; Vite proxies the server's paths on.
    env: { ...process.env, PATCHBAY_DASHBOARD: 'off', PATCHBAY_PUBLIC_URL: process.env.PATCHBAY_PUBLIC_URL ?? dashboardUrl },
  },
);
process.stderr.write(`Dashboard (Vite, HMR) on ${dashboardUrl}/, API on ${process.env.PATCHBAY_API_URL}\n`);

const stop = async () => {
  server.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  if (code !== null && code !== 0) process.stderr.write(`server exited with ${code}; fix and save to restart\n`);
});
