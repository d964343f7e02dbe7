export { dropDatabase } from './drop-database.ts';
export type { TestPostgres } from './global-setup.ts';
export type { TestDatabase } from './test-database.ts';
export { createTestDatabase } from './test-database.ts';
