import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-gmail', include: ['src/**/*.test.ts'] },
});
