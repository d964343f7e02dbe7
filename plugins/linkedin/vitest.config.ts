import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-linkedin', include: ['src/**/*.test.ts'] },
});
