import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, invalidateUserSessions, validateSessionToken } from './sessions.ts';
import { sha256Hex } from './tokens.ts';

let t: TestDatabase;
let userId: string;
beforeAll(async () => {
  t = await createTestDatabase();
  userId = (await t.db.insertInto('users').values({ email: 's@example.com', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow())
    .id;
});
afterAll(() => t.destroy());

const DAY = 24 * 60 * 60 * 1000;

describe('sessions', () => {
  it('stores only the hash of a 192-bit token', async () => {
    const { token } = await createSession(t.db, userId);
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    const rows = await t.db.selectFrom('sessions').select('id').execute();
    expect(rows.map((r) => r.id)).toContain(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('slides: a session in its last 15 days is extended to 30, a fresher one is left alone', async () => {
    const { token } = await createSession(t.db, userId);
    const fresh = await validateSessionToken(t.db, token);
    expect(fresh?.renewed).toBe(false);
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() + 10 * DAY) })
      .where('id', '=', sha256Hex(token))
      .execute();
    const renewed = await validateSessionToken(t.db, token);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY);
  });

  it('rejects and deletes an expired session', async () => {
    const { token } = await createSession(t.db, userId);
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', sha256Hex(token))
      .execute();
    expect(await validateSessionToken(t.db, token)).toBeUndefined();
    expect(await t.db.selectFrom('sessions').select('id').where('id', '=', sha256Hex(token)).executeTakeFirst()).toBeUndefined();
  });

  it('signs a user out everywhere but the session kept', async () => {
    const kept = await createSession(t.db, userId);
    const other = await createSession(t.db, userId);
    await invalidateUserSessions(t.db, userId, sha256Hex(kept.token));
    expect(await validateSessionToken(t.db, other.token)).toBeUndefined();
    expect(await validateSessionToken(t.db, kept.token)).toBeDefined();
  });
});
