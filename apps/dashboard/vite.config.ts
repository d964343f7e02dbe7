/**
 * @module Vite settings for `pnpm dev` (HMR on :5173, the API proxied to the server) and for the
 * production build the server makes on start (see build.ts).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { SERVER_PATHS } from './server-paths.ts';

const api = process.env.PATCHBAY_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false },
  server: {
    host: '127.0.0.1',
    proxy: Object.fromEntries(
      SERVER_PATHS.map((prefix) => [
        // A regex key: a bare prefix would also take the app's own routes (`/connect` vs `/connections`).
        `^${prefix.replace('.', '\\.')}(/|\\?|$)`,
        {
          target: api,
          // The browser's Origin is the dev server's; the server's CSRF check then rests on the
          // x-patchbay-csrf header the app sends on every call, as for a same-origin page.
          configure: (proxy: { on(event: 'proxyReq', fn: (req: { removeHeader(name: string): void }) => void): void }) =>
            proxy.on('proxyReq', (req) => req.removeHeader('origin')),
        },
      ]),
    ),
  },
});
