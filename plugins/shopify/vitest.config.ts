import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-shopify', include: ['src/**/*.test.ts'] },
});
