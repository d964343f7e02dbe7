import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-google-ads', include: ['src/**/*.test.ts'] },
});
