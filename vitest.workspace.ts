/**
 * @module The list of Vitest projects. Vitest 4+ no longer reads this file by itself;
 * `vitest.config.ts` imports the list and hands it to `test.projects`.
 */
export const projects = ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'plugins/*/vitest.config.ts', 'bench/vitest.config.ts'];
