/**
 * @module The one check every procedure's raw input passes before anything else runs: no string
 * (value or object key) that Postgres text/jsonb cannot hold (U+0000, a lone UTF-16 surrogate),
 * and no nesting deeper than MAX_INPUT_DEPTH. Such input would otherwise fail late, after a
 * provider call, or overflow the stack in code that walks it recursively (input hashing,
 * redaction, zod).
 */
import { isStorableText } from '@patchbay/engine';
import { DetailedTRPCError } from './failure-details.ts';

/** Deepest object/array nesting any procedure accepts. */
export const MAX_INPUT_DEPTH = 64;

export interface InputProblem {
  /** Where in the input, dotted like zod issue paths (`input.items.3.name`). */
  path: string;
  message: string;
}

/** The first problem in `input`, or undefined. Iterative, so hostile depth cannot overflow the stack. */
export function inputProblem(input: unknown): InputProblem | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: input, path: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return { path: path.join('.'), message: 'Text may not contain U+0000 or unpaired surrogates' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) return { path: path.join('.'), message: `Input is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: [...path, i] });
      continue;
    }
    for (const [key, child] of Object.entries(value).reverse()) {
      if (!isStorableText(key)) return { path: path.join('.'), message: 'Keys may not contain U+0000 or unpaired surrogates' };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

/** The error a refused input gets: BAD_REQUEST with reason INVALID_INPUT, like any invalid input. */
export function invalidInput(problem: InputProblem): DetailedTRPCError {
  return new DetailedTRPCError('BAD_REQUEST', problem.message, { reason: 'INVALID_INPUT', path: problem.path }, undefined);
}
