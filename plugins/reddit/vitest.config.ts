import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-reddit', include: ['src/**/*.test.ts'] },
});
