/**
 * A failure to reach or start the database, with a message fit to print as the one line an
 * operator sees. It never carries a password: URLs in it are redacted.
 */
export class DatabaseStartError extends Error {
  override readonly name = 'DatabaseStartError';
}

/** `postgres://user:secret@host/db` -> `postgres://user:***@host/db`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
