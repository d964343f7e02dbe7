export { dropDatabase } from './drop-database.ts';
export type { TestPostgres } from './global-setup.ts';
export { makeTempDir } from './temp-dir.ts';
export type { TestDatabase } from './test-database.ts';
export { createTestDatabase } from './test-database.ts';
