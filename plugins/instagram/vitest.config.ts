import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-instagram', include: ['src/**/*.test.ts'] },
});
