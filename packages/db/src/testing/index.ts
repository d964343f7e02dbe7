export { dropDatabase } from './drop-database.ts';
export type { TestPostgres } from './global-setup.ts';
export type { Stoppable } from './start-together.ts';
export { startTogether } from './start-together.ts';
export { makeTempDir } from './temp-dir.ts';
export type { TestDatabase } from './test-database.ts';
export { createTestDatabase } from './test-database.ts';
