import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineActionFor, defineConnector } from '../define.ts';
import { describeConnector } from '../describe.ts';
import { runAction } from '../run-action.ts';
import { clientCredentials, jwtBearer } from './define-grants.ts';

const TOKEN_URL = 'https://oauth2.example.com/token';
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyJson = {
  type: 'service_account',
  client_email: 'robot@example.com',
  private_key: privateKey,
  private_key_id: 'k1',
  project_id: 'p',
};

describe('jwtBearer fields: what a tenant may paste', () => {
  const auth = jwtBearer({ tokenUrl: TOKEN_URL, tokenUrls: ['https://accounts.example.com/o/oauth2/token'], scopes: ['drive'] });

  it('accepts the key JSON as text or object, keeping only what signing needs', () => {
    for (const serviceAccountKey of [keyJson, JSON.stringify(keyJson)]) {
      const parsed = auth.fields.parse({ serviceAccountKey, subject: 'ada@example.com' });
      expect(parsed).toEqual({
        serviceAccountKey: { client_email: 'robot@example.com', private_key: privateKey, private_key_id: 'k1' },
        subject: 'ada@example.com',
      });
    }
  });

  it('accepts a token_uri that is the declared endpoint or on the allow-list', () => {
    for (const token_uri of [TOKEN_URL, 'https://accounts.example.com/o/oauth2/token']) {
      expect(auth.fields.safeParse({ serviceAccountKey: { ...keyJson, token_uri } }).success).toBe(true);
    }
  });

  it('refuses a key whose token_uri points elsewhere (the assertion would be handed to that host)', () => {
    for (const token_uri of [
      'https://attacker.example.net/token',
      'http://169.254.169.254/token',
      'https://oauth2.example.com/token/../x',
    ]) {
      const parsed = auth.fields.safeParse({ serviceAccountKey: { ...keyJson, token_uri } });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['serviceAccountKey', 'token_uri']);
    }
  });

  it('refuses a private key that is not a PEM RSA key, without repeating it', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const private_key of [ec, 'not-a-key-but-a-secret-0123456789']) {
      const parsed = auth.fields.safeParse({ serviceAccountKey: { ...keyJson, private_key } });
      expect(parsed.success).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).not.toContain(private_key.slice(0, 30));
    }
  });

  it('refuses an assertion lifetime over one hour', () => {
    expect(() => jwtBearer({ tokenUrl: TOKEN_URL, scopes: [], lifetimeSeconds: 3601 })).toThrow(/lifetimeSeconds/);
  });
});

describe('grant connectors at run time', () => {
  const auth = clientCredentials({
    tokenUrl: TOKEN_URL,
    scopes: ['read'],
    fields: z.object({ clientId: z.string(), clientSecret: z.string(), audience: z.string() }),
  });
  const whoami = defineActionFor(auth)({
    description: 'echoes what the action sees',
    input: z.object({}),
    output: z.object({ keys: z.array(z.string()), sent: z.string() }),
    run: async (_input, ctx) => {
      const res = await ctx.http.get<{ authorization: string }>('/echo');
      return { keys: Object.keys(ctx.credentials), sent: res.data.authorization };
    },
  });
  const connector = defineConnector({
    id: 'cc',
    name: 'CC',
    version: '1.0.0',
    description: 'client credentials',
    auth,
    baseUrls: ['https://api.example.com'],
    actions: { whoami },
  });

  it('puts the access token on requests as Bearer and gives actions the token only', async () => {
    const { MockAgent } = await import('undici');
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://api.example.com')
      // Answers only a request that carries the token as Bearer.
      .intercept({ path: '/echo', headers: { authorization: 'Bearer at-123' } })
      .reply(200, { authorization: 'Bearer at-123' }, { headers: { 'content-type': 'application/json' } });
    const out = await runAction(connector, 'whoami', {
      input: {},
      // What the engine hands over; a stray secret here would still not reach ctx.credentials.
      credentials: { accessToken: 'at-123', tokenType: 'Bearer', clientSecret: 'never-seen' },
      dispatcher: agent,
    });
    expect(out).toEqual({ keys: ['accessToken', 'tokenType'], sent: 'Bearer at-123' });
    await agent.close();
  });

  it('is described with its kind and scopes in the catalog', () => {
    expect(describeConnector(connector)).toMatchObject({ authKind: 'clientCredentials', scopes: ['read'] });
  });
});
