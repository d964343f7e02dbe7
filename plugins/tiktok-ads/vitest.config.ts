import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-tiktok-ads', include: ['src/**/*.test.ts'] },
});
