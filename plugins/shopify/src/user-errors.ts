/**
 * @module Mutation `userErrors` (https://shopify.dev/docs/api/admin-graphql#status-and-error-codes):
 * Shopify answers HTTP 200 and lists what was wrong with the input, each with the input path
 * (`["product", "title"]`). The first one becomes INVALID_INPUT (or NOT_FOUND for a record that
 * does not exist) with that path, read relative to the action's own input.
 */
import { ConnectorError } from '@patchbay/sdk';
import { z } from 'zod';

export const userError = z.object({
  field: z.array(z.string()).nullable().optional(),
  message: z.string(),
  code: z.string().nullable().optional(),
});

export const userErrors = z.array(userError);

/**
 * Throws for the first user error. `argument` is the mutation argument the action's input was
 * sent as (`product`, `input`): it is dropped from the path, so the path names the caller's field.
 */
export function rejectUserErrors(errors: readonly z.output<typeof userError>[], argument: string): void {
  const first = errors[0];
  if (!first) return;
  const field = first.field ?? [];
  const path = (field[0] === argument ? field.slice(1) : field).join('.') || undefined;
  const code = first.code ?? undefined;
  // Plain `UserError`s (productUpdate) carry no code: their message is all there is to read.
  const missing = code !== undefined ? /NOT_FOUND|DOES_NOT_EXIST/.test(code) : /does not exist/i.test(first.message);
  const message = `Shopify refused: ${first.message.slice(0, 300)}${path ? ` (${path})` : ''}`;
  throw new ConnectorError(missing ? 'NOT_FOUND' : 'INVALID_INPUT', message, { providerCode: code, path });
}
