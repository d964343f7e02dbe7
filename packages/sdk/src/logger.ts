/**
 * @module `ctx.log`: structured log lines for connector authors. Every credential value is
 * replaced before a line leaves, wherever it appears (message, field, nested value), as are
 * values under secret-looking keys (the rule of redact.ts, the same as run records).
 */
import { redact } from './redact.ts';

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

export function createRedactingLogger(secrets: readonly string[], sink: (entry: LogEntry) => void): Logger {
  const emit =
    (level: LogLevel) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      sink({
        level,
        message: redact(message, secrets) as string,
        fields: redact(fields, secrets) as Record<string, unknown>,
      });
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
