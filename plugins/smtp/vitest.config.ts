import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-smtp', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
});
