/**
 * @module `ctx.log`: structured log lines for connector authors. Every credential value is
 * replaced before a line leaves, wherever it appears (message, field, nested value), as are
 * values under secret-looking keys.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  level: LogLevel;
  message: string;
  fields: Record<string, unknown>;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const REDACTED = '[redacted]';
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|credential|private[-_]?key/i;

/** Replaces every occurrence of the given secrets (4+ characters) in strings, deeply. */
export function redactSecrets(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (depth > 16 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, secrets, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactSecrets(value.message, secrets) };
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? REDACTED : redactSecrets(v, secrets, depth + 1);
  return out;
}

/** Every string inside a credentials object, longest first so longer secrets win over their parts. */
export function secretValues(credentials: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string' && v.length >= 4) found.push(v);
    else if (v && typeof v === 'object') for (const inner of Object.values(v)) walk(inner);
  };
  walk(credentials);
  return [...new Set(found)].sort((a, b) => b.length - a.length);
}

export function createRedactingLogger(secrets: readonly string[], sink: (entry: LogEntry) => void): Logger {
  const emit =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      sink({
        level,
        message: redactSecrets(message, secrets) as string,
        fields: redactSecrets(fields, secrets) as Record<string, unknown>,
      });
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
