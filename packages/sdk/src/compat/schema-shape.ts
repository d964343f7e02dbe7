/**
 * @module A JSON Schema node (as `z.toJSONSchema` writes them) read into the facts a
 * compatibility check compares: allowed types, allowed values, object fields, array items and
 * bounds. `anyOf`/`oneOf` members are merged, so `nullable()` and unions compare by what they allow.
 */

export type JsonSchema = Readonly<Record<string, unknown>>;

export const BOUNDS = {
  lower: ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'],
  upper: ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'],
} as const;

export interface Shape {
  /** Allowed JSON types; undefined when any type is allowed. */
  types: Set<string> | undefined;
  /** Allowed values (JSON-encoded), from `enum` and `const`; undefined when not restricted. */
  values: Set<string> | undefined;
  properties: Map<string, JsonSchema>;
  required: Set<string>;
  items: JsonSchema | undefined;
  bounds: Map<string, number>;
  pattern: string | undefined;
  format: string | undefined;
}

const asSchema = (value: unknown): JsonSchema | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;

function typesOf(schema: JsonSchema): Set<string> | undefined {
  const type = schema.type;
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => typeof t === 'string'));
  if ('const' in schema) return new Set([schema.const === null ? 'null' : typeof schema.const]);
  return undefined;
}

function valuesOf(schema: JsonSchema): Set<string> | undefined {
  if ('const' in schema) return new Set([JSON.stringify(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map((v) => JSON.stringify(v)));
  return undefined;
}

function union<T>(a: Set<T> | undefined, b: Set<T> | undefined): Set<T> | undefined {
  return a && b ? new Set([...a, ...b]) : undefined;
}

/** The members of a union, or the schema itself. */
function members(schema: JsonSchema): JsonSchema[] {
  const list = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  return list ? list.map(asSchema).filter((m): m is JsonSchema => m !== undefined) : [schema];
}

export function shapeOf(schema: JsonSchema): Shape {
  const parts = members(schema);
  const shape: Shape = {
    types: new Set(),
    values: new Set(),
    properties: new Map(),
    required: new Set(),
    items: undefined,
    bounds: new Map(),
    pattern: undefined,
    format: undefined,
  };
  for (const part of parts) {
    const types = typesOf(part);
    shape.types = union(shape.types, types);
    // `null` in a nullable union restricts nothing about the other members' values.
    const onlyNull = types?.size === 1 && types.has('null');
    if (!onlyNull) shape.values = union(shape.values, valuesOf(part));
    for (const [name, child] of Object.entries(asSchema(part.properties) ?? {})) {
      const childSchema = asSchema(child);
      if (childSchema) shape.properties.set(name, childSchema);
    }
    if (Array.isArray(part.required)) for (const name of part.required) if (typeof name === 'string') shape.required.add(name);
    shape.items ??= asSchema(part.items);
    for (const key of [...BOUNDS.lower, ...BOUNDS.upper]) {
      const value = part[key];
      // `z.int()` states the safe-integer range: no limit a caller would meet.
      if (typeof value === 'number' && Math.abs(value) !== Number.MAX_SAFE_INTEGER) shape.bounds.set(key, value);
    }
    if (typeof part.pattern === 'string') shape.pattern = part.pattern;
    if (typeof part.format === 'string') shape.format = part.format;
  }
  return shape;
}

/** Whether a value of JSON type `type` is allowed by `allowed` (an integer is a number). */
export function typeAllowed(type: string, allowed: Set<string>): boolean {
  return allowed.has(type) || (type === 'integer' && allowed.has('number'));
}
