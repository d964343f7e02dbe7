import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-tiktok', include: ['src/**/*.test.ts'] },
});
