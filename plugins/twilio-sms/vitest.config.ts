import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'connector-twilio-sms', include: ['src/**/*.test.ts'] },
});
