import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { basic } from './auth/define-auth.ts';
import { defineActionFor, defineConnector } from './define.ts';
import { runAction } from './run-action.ts';

const mailAuth = basic({
  fields: z.object({ username: z.string(), password: z.string(), port: z.number().default(587) }),
  apply: () => {},
});
const whoAmI = defineActionFor(mailAuth)({
  description: 'Echoes the credentials the action sees',
  input: z.object({}),
  output: z.object({ username: z.string(), port: z.number(), frozen: z.boolean() }),
  run: async (_input, ctx) => ({
    username: ctx.credentials.username,
    port: ctx.credentials.port,
    frozen: Object.isFrozen(ctx.credentials),
  }),
});
const mail = defineConnector({
  id: 'mail',
  name: 'Mail',
  version: '1.0.0',
  description: 'credentials fixture',
  auth: mailAuth,
  baseUrls: [],
  actions: { whoAmI },
});

describe('typed credentials', () => {
  it('gives actions the fields’ parsed output, defaults applied, as their type says', async () => {
    const out = await runAction(mail, 'whoAmI', { input: {}, credentials: { username: 'ada', password: 'pw-123456' } });
    expect(out).toEqual({ username: 'ada', port: 587, frozen: true });
  });
});
