import { isSecretKey, REDACTED, redact } from '@patchbay/sdk';
import pino, { type Logger } from 'pino';
import { serializeError } from './log-error.ts';

export type { Logger };

/**
 * JSON logs on stdout. Fields under secret-looking keys are redacted by the same rule as run
 * records and `ctx.log` (the SDK's `redact`), request credentials by path; Postgres errors lose
 * quoted values.
 */
function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    out[key] = value instanceof Error ? value : isSecretKey(key) ? REDACTED : redact(value, []);
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'patchbay' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError },
      formatters: {
        // Errors are left to their serializer, which runs after this.
        log: redactFields,
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.password',
          '*.token',
          '*.accessToken',
          '*.refreshToken',
          '*.clientSecret',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
