import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-slack', include: ['src/**/*.test.ts'] },
});
