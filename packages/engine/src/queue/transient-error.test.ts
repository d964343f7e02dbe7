import { describe, expect, it } from 'vitest';
import { isTransientDatabaseError } from './transient-error.ts';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('isTransientDatabaseError', () => {
  it('retries an unreachable or restarting database, not a bad request', () => {
    expect(isTransientDatabaseError(withCode('57P01'))).toBe(true); // admin shutdown
    expect(isTransientDatabaseError(withCode('08006'))).toBe(true); // connection failure
    expect(isTransientDatabaseError(withCode('ECONNREFUSED'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDatabaseError(withCode('22P05'))).toBe(false); // untranslatable character
    expect(isTransientDatabaseError(withCode('23505'))).toBe(false); // unique violation
    expect(isTransientDatabaseError('not an error')).toBe(false);
  });
});
