/**
 * @module Reads a value out of a provider's JSON body by a dotted path (`error.errors.0.reason`),
 * so error tables can say where a field lives without a function.
 */

/** The value at `path` in `value`, or undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}
