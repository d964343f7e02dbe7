import { createTestDatabase, type TestDatabase } from '@patchbay/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logMailer } from '../mail/mailer.ts';
import { changePassword, deleteAccount, signIn } from './accounts.ts';
import { AuthError } from './auth-error.ts';
import { type SignUpInput, signUp as signUpWith } from './sign-up.ts';
import { addressKey, SIGN_IN_PER_ADDRESS, SIGN_UP_PER_ADDRESS, takeAttempt } from './throttle.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

const PASSWORD = 'a long unusual phrase';
const services = { mailer: logMailer(() => {}), publicUrl: 'http://127.0.0.1', signup: 'open' as const, onMailError: () => {} };
const signUp = (db: TestDatabase['db'], input: SignUpInput) => signUpWith(db, input, services);
const codeOf = (outcome: PromiseSettledResult<unknown>) =>
  outcome.status === 'fulfilled' ? 'OK' : outcome.reason instanceof AuthError ? outcome.reason.code : String(outcome.reason);

describe('throttling holds under parallel bursts (F3)', () => {
  it('evaluates at most 10 of 200 parallel sign-ins for one email, and refuses the right password inside the burst', async () => {
    const email = 'burst@example.com';
    await signUp(t.db, { email, password: PASSWORD, ip: '198.51.100.1' });
    let evaluated = 0;
    const count = { onPasswordEvaluated: () => evaluated++ };
    const attempts = Array.from({ length: 200 }, (_, i) =>
      signIn(t.db, { email, password: i === 150 ? PASSWORD : `wrong guess ${i}`, ip: '203.0.113.7' }, count),
    );
    const outcomes = await Promise.allSettled(attempts);
    expect(evaluated).toBeLessThanOrEqual(10);
    expect(codeOf(outcomes[150] as PromiseSettledResult<unknown>)).toBe('TOO_MANY_ATTEMPTS');
    expect(outcomes.filter((o) => codeOf(o) === 'TOO_MANY_ATTEMPTS')).toHaveLength(190);
    // Still refused afterwards, with the right password.
    await expect(signIn(t.db, { email, password: PASSWORD, ip: '203.0.113.7' })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('clears the count on success, so a user who mistyped can go on signing in', async () => {
    const email = 'typo@example.com';
    await signUp(t.db, { email, password: PASSWORD, ip: '198.51.100.2' });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) await expect(signIn(t.db, { email, password: 'wrong guess', ip: '203.0.113.8' })).rejects.toThrow();
      await signIn(t.db, { email, password: PASSWORD, ip: '203.0.113.8' });
    }
  });

  it('limits one address across many emails (password spraying)', async () => {
    const ip = '203.0.113.9';
    let evaluated = 0;
    const outcomes = await Promise.allSettled(
      Array.from({ length: SIGN_IN_PER_ADDRESS.max + 50 }, (_, i) =>
        signIn(t.db, { email: `victim-${i}@example.com`, password: 'Summer2026!', ip }, { onPasswordEvaluated: () => evaluated++ }),
      ),
    );
    expect(evaluated).toBe(SIGN_IN_PER_ADDRESS.max);
    expect(outcomes.filter((o) => codeOf(o) === 'TOO_MANY_ATTEMPTS')).toHaveLength(50);
  });

  it('throttles sign-ups from one address before hashing', async () => {
    const ip = '203.0.113.10';
    for (let i = 0; i < SIGN_UP_PER_ADDRESS.max; i++) expect(await takeAttempt(t.db, SIGN_UP_PER_ADDRESS, ip)).toBe(true);
    await expect(signUp(t.db, { email: 'late@example.com', password: PASSWORD, ip })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    const created = await t.db.selectFrom('users').select('id').where('email', '=', 'late@example.com').execute();
    expect(created).toEqual([]);
  });
});

describe('addresses', () => {
  it('counts an IPv6 client by its /64, an IPv4 client by its address', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:0:1::7')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
  });

  it('does not give fresh guesses to each address of one IPv6 network', async () => {
    const email = 'v6@example.com';
    await signUp(t.db, { email, password: PASSWORD, ip: '198.51.100.4' });
    for (let i = 0; i < 10; i++) {
      await expect(signIn(t.db, { email, password: 'wrong guess', ip: `2001:db8:0:5::${i + 1}` })).rejects.toMatchObject({
        code: 'INVALID_CREDENTIALS',
      });
    }
    await expect(signIn(t.db, { email, password: PASSWORD, ip: '2001:db8:0:5::ffff' })).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
  });
});

describe('password checks behind a session are throttled (F15)', () => {
  it('stops changePassword and deleteAccount guessing after 10 wrong passwords, even in parallel', async () => {
    await signUp(t.db, { email: 'session@example.com', password: PASSWORD, ip: '198.51.100.3' });
    const { user, token } = await signIn(t.db, { email: 'session@example.com', password: PASSWORD, ip: '198.51.100.3' });
    const session = await t.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(token).toBeTruthy();
    let evaluated = 0;
    const count = { onPasswordEvaluated: () => evaluated++ };
    const guesses = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        i % 2
          ? deleteAccount(t.db, { userId: user.id, password: `guess ${i}` }, count)
          : changePassword(
              t.db,
              { userId: user.id, sessionId: session.id, currentPassword: `guess ${i}`, newPassword: 'another long phrase' },
              count,
            ),
      ),
    );
    expect(evaluated).toBe(10);
    expect(guesses.filter((o) => codeOf(o) === 'TOO_MANY_ATTEMPTS')).toHaveLength(20);
    await expect(deleteAccount(t.db, { userId: user.id, password: PASSWORD })).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });
});
