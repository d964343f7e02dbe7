/**
 * @module Values made from a JSON Schema for tests: one the schema accepts (the smallest that
 * fills what is required) and, for a field, one of the wrong type.
 */
import { type JsonSchema, shapeOf } from '../json-schema.ts';
import { validate } from '../validate.ts';

const FORMAT_SAMPLES: Record<string, string> = {
  email: 'person@example.com',
  uri: 'https://example.com/a',
  date: '2026-01-02',
  'date-time': '2026-01-02T03:04:05.000Z',
  base64: 'aGVsbG8=',
};

function sampleString(schema: JsonSchema): string {
  const min = typeof schema.minLength === 'number' ? Math.max(1, schema.minLength) : 1;
  const prefix = typeof schema.pattern === 'string' ? literalPrefix(schema.pattern) : undefined;
  const candidates = [
    (typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined) ?? '',
    prefix ? `${prefix}1` : '',
    'a'.repeat(min),
    '1'.repeat(min),
    'abc',
    '+15555550100',
    'C0123456789',
    '12345678901234567',
    `SM${'0'.repeat(32)}`,
    't3_abc',
    'urn:li:share:1',
    '2026-01-02 03:04:05+00:00',
  ].filter(Boolean);
  const fit = candidates.find((c) => validate(schema, c).length === 0);
  if (fit === undefined) throw new Error(`no sample string for ${JSON.stringify(schema)}`);
  return fit;
}

/** The literal start of an anchored pattern: `^gid:\\/\\/shopify\\/Product\\/\\d+$` → `gid://shopify/Product/`. */
function literalPrefix(pattern: string): string {
  let out = '';
  for (let i = 1; pattern.startsWith('^') && i < pattern.length; i++) {
    const c = pattern.charAt(i);
    const next = pattern.charAt(i + 1);
    if (c === '\\' && /[^\w]/.test(next)) {
      out += next;
      i++;
    } else if (/[\w:/-]/.test(c)) out += c;
    else break;
  }
  return out;
}

export function sampleValid(schema: JsonSchema): unknown {
  const shape = shapeOf(schema);
  switch (shape.kind) {
    case 'string':
      return sampleString(schema);
    case 'number': {
      if (typeof schema.exclusiveMinimum === 'number') return Math.floor(schema.exclusiveMinimum) + 1;
      if (typeof schema.minimum === 'number') return schema.minimum;
      return typeof schema.maximum === 'number' ? Math.min(1, schema.maximum) : 1;
    }
    case 'boolean':
      return true;
    case 'enum':
      return shape.options[0];
    case 'const':
      return shape.value;
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: count }, () => sampleValid(shape.items));
    }
    case 'object':
      return Object.fromEntries(
        shape.properties.filter(([key]) => shape.required.has(key)).map(([key, child]) => [key, sampleValid(child)]),
      );
    case 'map':
    case 'json':
      return {};
    case 'nullable':
      return sampleValid(shape.inner);
    case 'variant': {
      const [first] = shape.variants;
      return first ? sampleValid(first) : {};
    }
  }
}

/** A value of the wrong JSON type for a field's schema. */
export function wrongValueFor(schema: JsonSchema): unknown {
  const kind = shapeOf(schema).kind;
  if (kind === 'number' || kind === 'boolean' || kind === 'array' || kind === 'object' || kind === 'map') return 'wrong';
  return 12345;
}
