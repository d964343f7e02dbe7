import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-facebook-pages', include: ['src/**/*.test.ts'] },
});
