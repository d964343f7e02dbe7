import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'dashboard',
    // Client logic that runs without a DOM; the pages are tested in Chromium by the server's browser test.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
