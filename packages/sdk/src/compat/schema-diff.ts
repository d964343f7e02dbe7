/**
 * @module Compares an action's old and new JSON Schema. An input may only accept more (callers
 * keep working); an output may only promise more (consumers keep working). Anything else is
 * breaking: a removed or newly required input field, a narrowed type or enum, a tightened bound;
 * a removed, newly optional or retyped output field, a widened output enum.
 */
import { BOUNDS, type JsonSchema, type Shape, shapeOf, typeAllowed } from './schema-shape.ts';

export type SchemaSide = 'input' | 'output';

export interface SchemaFinding {
  breaking: boolean;
  /** Where in the schema: `input.customer.email`, `output.items[]`. */
  path: string;
  message: string;
}

const list = (values: Iterable<string>) => [...values].join(', ');

/** Reports what `sub` allows that `sup` does not: for inputs sub is old, for outputs it is new. */
function checkContained(sub: Shape, sup: Shape, side: SchemaSide, path: string, out: SchemaFinding[]): void {
  const say = (message: string) => out.push({ breaking: true, path, message });
  if (sup.types) {
    const extra = sub.types ? [...sub.types].filter((t) => !typeAllowed(t, sup.types as Set<string>)) : ['any'];
    if (extra.length > 0)
      say(
        side === 'input'
          ? `no longer accepts ${list(extra)} (now ${list(sup.types)})`
          : `may now be ${list(extra)} (was ${list(sup.types)})`,
      );
  }
  if (sup.values) {
    const extra = sub.values ? [...sub.values].filter((v) => !sup.values?.has(v)) : ['any value'];
    if (extra.length > 0)
      say(side === 'input' ? `enum narrowed: no longer accepts ${list(extra)}` : `enum widened: may now be ${list(extra)}`);
  }
  for (const key of BOUNDS.lower) {
    const limit = sup.bounds.get(key);
    const own = sub.bounds.get(key);
    if (limit !== undefined && (own === undefined || own < limit)) say(`${key} ${own ?? 'none'} → ${limit}`);
  }
  for (const key of BOUNDS.upper) {
    const limit = sup.bounds.get(key);
    const own = sub.bounds.get(key);
    if (limit !== undefined && (own === undefined || own > limit)) say(`${key} ${own ?? 'none'} → ${limit}`);
  }
  if (sup.pattern !== undefined && sub.pattern !== sup.pattern) say(`pattern ${sub.pattern ?? 'none'} → ${sup.pattern}`);
  if (sup.format !== undefined && sub.format !== sup.format) say(`format ${sub.format ?? 'none'} → ${sup.format}`);
}

function compareFields(old: Shape, next: Shape, side: SchemaSide, path: string, out: SchemaFinding[]): void {
  for (const [name, was] of old.properties) {
    const at = `${path}.${name}`;
    const now = next.properties.get(name);
    if (!now) {
      out.push({ breaking: true, path: at, message: 'field removed' });
      continue;
    }
    if (side === 'input' && next.required.has(name) && !old.required.has(name))
      out.push({ breaking: true, path: at, message: 'now required' });
    if (side === 'output' && old.required.has(name) && !next.required.has(name))
      out.push({ breaking: true, path: at, message: 'may now be missing' });
    compareSchemas(was, now, side, at, out);
  }
  for (const name of next.properties.keys()) {
    if (old.properties.has(name)) continue;
    const required = side === 'input' && next.required.has(name);
    out.push({
      breaking: required,
      path: `${path}.${name}`,
      message: required ? 'new required field' : side === 'input' ? 'new optional field' : 'new field',
    });
  }
}

/** Every difference between two schemas of one action side, breaking or not. */
export function compareSchemas(
  old: JsonSchema,
  next: JsonSchema,
  side: SchemaSide,
  path: string = side,
  out: SchemaFinding[] = [],
): SchemaFinding[] {
  const was = shapeOf(old);
  const now = shapeOf(next);
  if (side === 'input') checkContained(was, now, side, path, out);
  else checkContained(now, was, side, path, out);
  compareFields(was, now, side, path, out);
  if (was.items && now.items) compareSchemas(was.items, now.items, side, `${path}[]`, out);
  return out;
}
