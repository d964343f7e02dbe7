import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-whatsapp', include: ['src/**/*.test.ts'] },
});
