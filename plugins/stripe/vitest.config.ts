import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-stripe', include: ['src/**/*.test.ts'] },
});
