import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-discord', include: ['src/**/*.test.ts'] },
});
