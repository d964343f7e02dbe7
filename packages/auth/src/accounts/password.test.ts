import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with argon2id and a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterz')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('refuses short, common and email-equal passwords', () => {
    expect(passwordProblem('short')).toBe('too_short');
    expect(passwordProblem('Password123')).toBe('too_common');
    expect(passwordProblem('someone@example.com', 'Someone@Example.com')).toBe('too_common');
    expect(passwordProblem('x'.repeat(300))).toBe('too_long');
    expect(passwordProblem('a long unusual phrase')).toBeUndefined();
  });
});
