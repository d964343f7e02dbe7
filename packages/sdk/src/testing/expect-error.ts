import { expect } from 'vitest';
import { ConnectorError } from '../errors.ts';

/**
 * Awaits a call that must fail with a ConnectorError, and returns it for assertions.
 *
 * @example
 * expect((await connectorFailure(h.run('postMessage', input))).code).toBe('NOT_FOUND');
 */
export async function connectorFailure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail with a ConnectorError').toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}
