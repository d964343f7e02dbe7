/**
 * @module The JSON Schema subset the catalog carries (zod's `toJSONSchema` of connector inputs),
 * read into the few shapes a form can draw: which control a schema gets is decided here, once,
 * for the renderer, the validator and the field table alike.
 */

/** A JSON Schema node as the catalog sends it (plain JSON). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** A field's value the person typed but that is not yet JSON of the wanted kind (a half-typed number, broken JSON). */
export class Unparsed {
  readonly text: string;
  readonly expected: 'number' | 'JSON';
  constructor(text: string, expected: 'number' | 'JSON') {
    this.text = text;
    this.expected = expected;
  }
}

export type FieldShape =
  | { kind: 'string'; format: string | undefined }
  | { kind: 'number'; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: readonly unknown[] }
  | { kind: 'const'; value: unknown }
  | { kind: 'array'; items: JsonSchema }
  | { kind: 'object'; properties: readonly [string, JsonSchema][]; required: ReadonlySet<string> }
  | { kind: 'map'; values: JsonSchema }
  | { kind: 'nullable'; inner: JsonSchema }
  | { kind: 'variant'; variants: readonly JsonSchema[] }
  | { kind: 'json' };

const isSchema = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);
const schemaList = (value: unknown): JsonSchema[] => (Array.isArray(value) ? value.filter(isSchema) : []);

export const variantsOf = (schema: JsonSchema): JsonSchema[] => [...schemaList(schema.anyOf), ...schemaList(schema.oneOf)];

const isNull = (schema: JsonSchema) => schema.type === 'null';

/** The shape a schema is drawn as; anything the form has no control for falls back to raw JSON. */
export function shapeOf(schema: JsonSchema): FieldShape {
  const variants = variantsOf(schema);
  if (variants.length > 0) {
    const others = variants.filter((v) => !isNull(v));
    const [only] = others;
    if (only && others.length === 1 && others.length < variants.length) return { kind: 'nullable', inner: only };
    if (others.every((v) => 'const' in v)) return { kind: 'enum', options: others.map((v) => v.const) };
    return { kind: 'variant', variants };
  }
  if ('const' in schema) return { kind: 'const', value: schema.const };
  if (Array.isArray(schema.enum)) return { kind: 'enum', options: schema.enum };
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : schema.type;
  if (Array.isArray(type)) return type.length === 1 ? shapeOf({ ...schema, type: type[0] }) : { kind: 'json' };
  switch (type) {
    case 'string':
      return { kind: 'string', format: typeof schema.format === 'string' ? schema.format : undefined };
    case 'number':
    case 'integer':
      return { kind: 'number', integer: type === 'integer' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return isSchema(schema.items) ? { kind: 'array', items: schema.items } : { kind: 'json' };
    case 'object': {
      const properties = isSchema(schema.properties)
        ? Object.entries(schema.properties).filter((e): e is [string, JsonSchema] => isSchema(e[1]))
        : [];
      const values = schema.additionalProperties;
      // A typed map (Stripe metadata): key/value rows. A free-form object (a Slack block): raw JSON.
      if (properties.length === 0 && isSchema(values)) return shapeOf(values).kind === 'json' ? { kind: 'json' } : { kind: 'map', values };
      // No `properties` at all says nothing of the keys; an empty `properties` is an object without fields.
      if (!isSchema(schema.properties) && values !== false) return { kind: 'json' };
      return { kind: 'object', properties, required: new Set(Array.isArray(schema.required) ? schema.required.map(String) : []) };
    }
    default:
      return { kind: 'json' };
  }
}

/** A person-readable type for the field table: `string (email)`, `integer`, `"image" | "video"`. */
export function typeLabel(schema: JsonSchema): string {
  const shape = shapeOf(schema);
  switch (shape.kind) {
    case 'string':
      return shape.format ? `string (${shape.format})` : 'string';
    case 'number':
      return shape.integer ? 'integer' : 'number';
    case 'enum':
      return shape.options.map((o) => JSON.stringify(o)).join(' | ');
    case 'const':
      return JSON.stringify(shape.value);
    case 'array':
      return `array of ${typeLabel(shape.items)}`;
    case 'map':
      return `map of ${typeLabel(shape.values)}`;
    case 'nullable':
      return `${typeLabel(shape.inner)} or null`;
    case 'variant':
      return shape.variants.map(typeLabel).join(' | ');
    case 'object':
      return 'object';
    case 'boolean':
      return 'boolean';
    case 'json':
      return schema.type === 'object' ? 'object (any keys)' : 'any JSON';
  }
}

export const descriptionOf = (schema: JsonSchema): string | undefined =>
  typeof schema.description === 'string' ? schema.description : undefined;

/** A label for one form of a variant: its discriminating constant (`PULL_FROM_URL`), title or type. */
export function variantLabel(variant: JsonSchema, index: number): string {
  const shape = shapeOf(variant);
  if (shape.kind === 'object') {
    const tag = shape.properties.find(([, p]) => 'const' in p);
    if (tag) return String(tag[1].const);
  }
  if (typeof variant.title === 'string') return variant.title;
  return shape.kind === 'json' ? `Option ${index + 1}` : shape.kind === 'number' && shape.integer ? 'integer' : shape.kind;
}

/** `loginCustomerId` → "Login customer id". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What a new form (or a new array row, or a newly chosen variant) starts with: defaults, and required objects filled in. */
export function initialValue(schema: JsonSchema): unknown {
  if ('default' in schema) return schema.default;
  const shape = shapeOf(schema);
  switch (shape.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of shape.properties) {
        const value = shape.required.has(key) || 'default' in child ? initialValue(child) : undefined;
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    case 'const':
      return shape.value;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'map':
      return {};
    case 'variant': {
      const [first] = shape.variants;
      return first ? initialValue(first) : undefined;
    }
    case 'nullable':
      return initialValue(shape.inner);
    default:
      return undefined;
  }
}
