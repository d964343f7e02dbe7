import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-youtube', include: ['src/**/*.test.ts'] },
});
