/**
 * Every input schema of every connector the repository's deployment installs (the root
 * patchbay.config.ts, as the server loads it) renders as a form, and the form's own check agrees
 * with the action's zod schema on a valid and an invalid value.
 */
import { type AnyAction, type AnyConnector, describeConnector } from '@patchbay/sdk';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { constructsOf, HANDLED_CONSTRUCTS } from './constructs.ts';
import { type JsonSchema, shapeOf } from './json-schema.ts';
import { SchemaForm } from './schema-form.tsx';
import { sampleValid, wrongValueFor } from './testing/samples.ts';
import { issuesByField, pathKey, validate } from './validate.ts';

// Loaded by URL, not by a static import: the dashboard is type-checked with the DOM library, and
// a static import would compile every plugin's server code under it. The server's tests check those.
const ROOT_CONFIG = new URL('../../../../patchbay.config.ts', import.meta.url).href;
const config: { connectors: readonly AnyConnector[] } = (await import(ROOT_CONFIG)).default;

const actions = config.connectors.flatMap((connector) => {
  const zodOf = new Map<string, AnyAction>(Object.entries(connector.actions));
  return describeConnector(connector).actions.map((action) => ({
    name: `${connector.id}.${action.name}`,
    schema: action.inputSchema as JsonSchema,
    zod: zodOf.get(action.name)?.input,
  }));
});

/**
 * Cross-field rules (`text or html`, `from or messagingServiceSid`) live in zod refinements that
 * JSON Schema cannot carry; the server refuses those with INVALID_INPUT at the field's path, and
 * the Try page shows it there. For a valid sample, fill the field each refusal names.
 */
function completeForZod(schema: JsonSchema, value: unknown, zod: AnyAction['input'] | undefined): unknown {
  let current = value;
  for (let round = 0; round < 3; round++) {
    const result = zod?.safeParse(current);
    if (!result || result.success) return current;
    for (const issue of result.error.issues)
      current = fillAt(
        schema,
        current,
        issue.path.map((p: PropertyKey) => (typeof p === 'symbol' ? String(p) : p)),
      );
  }
  return current;
}

function fillAt(schema: JsonSchema, value: unknown, path: (string | number)[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return sampleValid(schema);
  const shape = shapeOf(schema);
  if (shape.kind === 'array' && Array.isArray(value) && typeof head === 'number')
    return value.map((item, i) => (i === head ? fillAt(shape.items, item, rest) : item));
  if (shape.kind !== 'object' || typeof head !== 'string') return value;
  const child = shape.properties.find(([key]) => key === head)?.[1];
  const record = value as Record<string, unknown>;
  if (!child) return value;
  // A rule about a whole list (a WhatsApp template needs a BODY component): try each kind its rows allow.
  const next = rest.length === 0 && record[head] !== undefined ? alternativeFor(child, record[head]) : fillAt(child, record[head], rest);
  return { ...record, [head]: next };
}

function alternativeFor(schema: JsonSchema, current: unknown): unknown {
  const shape = shapeOf(schema);
  if (shape.kind !== 'array' || !Array.isArray(current)) return current;
  const items = shapeOf(shape.items);
  if (items.kind !== 'object') return current;
  const tag = items.properties.find(([, p]) => shapeOf(p).kind === 'enum');
  const options = tag ? shapeOf(tag[1]) : undefined;
  if (!tag || options?.kind !== 'enum') return current;
  return options.options.map((option) => ({ ...(sampleValid(shape.items) as object), [tag[0]]: option, text: 'Hello' }));
}

const render = (schema: JsonSchema, value: unknown) =>
  renderToStaticMarkup(
    <SchemaForm schema={schema} value={value} onChange={() => {}} errors={issuesByField(validate(schema, value))} idPrefix="f" />,
  );

/** A value the form's check and zod must both refuse: a required field left out, else a field of the wrong type. */
function invalidVariant(schema: JsonSchema, valid: unknown): { value: unknown; path: string } {
  const shape = shapeOf(schema);
  if (shape.kind !== 'object' || shape.properties.length === 0) return { value: ['not', 'an', 'object'], path: '' };
  const record = valid as Record<string, unknown>;
  const required = shape.properties.find(([key]) => shape.required.has(key));
  if (required) {
    const { [required[0]]: _left, ...rest } = record;
    return { value: rest, path: required[0] };
  }
  const typed = shape.properties.find(([, child]) => shapeOf(child).kind !== 'json');
  if (!typed) throw new Error('no property to break');
  return { value: { ...record, [typed[0]]: wrongValueFor(typed[1]) }, path: typed[0] };
}

describe('forms for the installed connectors', () => {
  it('covers the whole deployment', () => {
    expect(config.connectors.length).toBeGreaterThanOrEqual(18);
    expect(actions.length).toBeGreaterThan(80);
  });

  it.each(actions)('$name: renders every field and tells a valid input from an invalid one', ({ schema, zod }) => {
    const valid = completeForZod(schema, sampleValid(schema), zod);
    // The sample is valid by the action's own schema, and the form agrees.
    expect(zod?.safeParse(valid).success).toBe(true);
    expect(validate(schema, valid)).toEqual([]);
    const validMarkup = render(schema, valid);
    expect(validMarkup).not.toContain('aria-invalid');
    const shape = shapeOf(schema);
    if (shape.kind === 'object') for (const [key] of shape.properties) expect(validMarkup).toContain(`id="f-${key}`);

    const invalid = invalidVariant(schema, valid);
    expect(zod?.safeParse(invalid.value).success).toBe(false);
    const issues = validate(schema, invalid.value);
    expect(issues.map((i) => pathKey(i.path))).toContain(invalid.path);
    const markup = render(schema, invalid.value);
    const id = `f-${invalid.path || 'root'}`;
    expect(markup).toContain(`id="${id}-error"`);
    // The message is tied to its control (or to its group, for a list or an object).
    if (invalid.path) expect(markup).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"`));
  });

  it('uses only constructs the form handles', () => {
    const found = new Set<string>();
    for (const { schema } of actions) constructsOf(schema, found);
    const unhandled = [...found].filter((c) => !(c in HANDLED_CONSTRUCTS));
    expect(unhandled, 'give these a control in forms/ and list them in HANDLED_CONSTRUCTS').toEqual([]);
    // The constructs the installed connectors use today (a list to read; the check above is what guards).
    expect([...found].sort()).toEqual(
      [
        'format:base64',
        'format:date',
        'format:date-time',
        'format:email',
        'format:starts_with',
        'format:uri',
        'keyword:$schema',
        'keyword:additionalProperties',
        'keyword:anyOf',
        'keyword:const',
        'keyword:contentEncoding',
        'keyword:default',
        'keyword:description',
        'keyword:enum',
        'keyword:exclusiveMinimum',
        'keyword:format',
        'keyword:items',
        'keyword:maxItems',
        'keyword:maxLength',
        'keyword:maximum',
        'keyword:minItems',
        'keyword:minLength',
        'keyword:minimum',
        'keyword:oneOf',
        'keyword:pattern',
        'keyword:properties',
        'keyword:propertyNames',
        'keyword:required',
        'keyword:type',
        'shape:array-of-objects',
        'shape:array-of-scalars',
        'shape:boolean',
        'shape:const',
        'shape:enum',
        'shape:integer',
        'shape:json',
        'shape:map',
        'shape:nullable',
        'shape:number',
        'shape:object',
        'shape:string',
        'shape:variant',
      ].sort(),
    );
  });
});
