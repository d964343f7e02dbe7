import type { z } from 'zod';
import { ConnectorError } from '../errors.ts';

/** A response body checked against the schema a request named; a mismatch is UPSTREAM_CONTRACT with the failing path. */
export function validateResponse(schema: z.ZodType, data: unknown, status: number): unknown {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError('UPSTREAM_CONTRACT', `Unexpected response: ${issue?.message ?? 'invalid'}`, {
    status,
    path: issue?.path.join('.'),
  });
}
