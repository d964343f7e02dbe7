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

interface Item {
  value: unknown;
  key: string | number | undefined;
  parent: Item | undefined;
  depth: number;
}

/** The dotted path of an item, built only when there is a problem to report. */
function pathOf(item: Item): string {
  const keys: (string | number)[] = [];
  for (let at: Item | undefined = item; at?.key !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

/** The first problem in `input`, or undefined. Iterative, so hostile depth cannot overflow the stack. */
export function inputProblem(input: unknown): InputProblem | undefined {
  const stack: Item[] = [{ value: input, key: undefined, parent: undefined, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value, depth } = item;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return { path: pathOf(item), message: 'Text may not contain U+0000 or unpaired surrogates' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { path: pathOf(item), message: `Input is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: item, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] ?? '';
      if (!isStorableText(key)) return { path: pathOf(item), message: 'Keys may not contain U+0000 or unpaired surrogates' };
      stack.push({ value: (value as Record<string, unknown>)[key], key, parent: item, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The error a refused input gets: BAD_REQUEST with reason INVALID_INPUT, like any invalid input. */
export function invalidInput(problem: InputProblem): DetailedTRPCError {
  return new DetailedTRPCError('BAD_REQUEST', problem.message, { reason: 'INVALID_INPUT', path: problem.path }, undefined);
}
