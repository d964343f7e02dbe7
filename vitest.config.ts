import { defineConfig } from 'vitest/config';
import { projects } from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // One Postgres (embedded, or DATABASE_URL) and one migrated template for the whole run,
    // shared by every project; each test file clones its own database from the template.
    globalSetup: ['./packages/db/src/testing/global-setup.ts'],
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
