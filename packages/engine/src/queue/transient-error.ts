/**
 * Whether a database call failed because the database was unreachable or restarting (worth
 * retrying), rather than because of what was asked (a data or constraint error, which repeats).
 * SQLSTATE classes: 08 connection exception, 57 operator intervention (shutdown, restart),
 * 53 insufficient resources, 40 serialization failure or deadlock. Errors without a SQLSTATE are
 * the driver's own: a refused or reset socket, a pool that could not connect in time.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return true;
  if (/^[0-9A-Z]{5}$/.test(code)) return ['08', '57', '53', '40'].includes(code.slice(0, 2));
  return true;
}
