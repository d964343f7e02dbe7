import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-x', include: ['src/**/*.test.ts'] },
});
