import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { initialValue, type JsonSchema, shapeOf, typeLabel, Unparsed } from './json-schema.ts';
import { SchemaForm } from './schema-form.tsx';
import { issuesByField, validate } from './validate.ts';

const render = (schema: JsonSchema, value: unknown) =>
  renderToStaticMarkup(
    <SchemaForm schema={schema} value={value} onChange={() => {}} errors={issuesByField(validate(schema, value))} idPrefix="t" />,
  );
const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: 'object', properties, required });
const messages = (schema: JsonSchema, value: unknown) => validate(schema, value).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('SchemaForm constructs', () => {
  it('string formats get their input type and their check', () => {
    const schema = object({
      to: { type: 'string', format: 'email' },
      site: { type: 'string', format: 'uri' },
      at: { type: 'string', format: 'date-time' },
    });
    expect(render(schema, {})).toMatch(/type="email".*type="url".*type="datetime-local"/);
    expect(messages(schema, { to: 'nobody', site: 'not a url', at: 'soon' })).toEqual([
      'to: Enter an email address, like name@example.com',
      'site: Enter a full URL, like https://example.com/page',
      'at: Enter a date and time',
    ]);
    expect(messages(schema, { to: 'a@b.co', site: 'https://x.test/', at: '2026-12-02T06:00:00.000Z' })).toEqual([]);
    // An instant shows as the viewer's wall clock in the date-time control.
    const local = new Date(Date.parse('2026-12-02T06:00:00.000Z') - new Date('2026-12-02T06:00:00.000Z').getTimezoneOffset() * 60_000);
    expect(render(schema, { at: '2026-12-02T06:00:00.000Z' })).toContain(`value="${local.toISOString().slice(0, 19)}"`);
  });

  it('lengths, patterns and number bounds are checked, and half-typed numbers are named', () => {
    const schema = object(
      {
        name: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' },
        n: { type: 'integer', exclusiveMinimum: 0, maximum: 10 },
      },
      ['name', 'n'],
    );
    expect(messages(schema, { name: 'a', n: 0 })).toEqual(['name: Enter at least 2 characters', 'n: Must be more than 0']);
    expect(messages(schema, { name: 'AB', n: 1.5 })).toEqual(['name: Must match the pattern ^[a-z]+$', 'n: Enter a whole number']);
    expect(messages(schema, { name: 'ab', n: new Unparsed('1x', 'number') })).toEqual(['n: Enter a number']);
    expect(messages(schema, {})).toEqual(['name: Required', 'n: Required']);
    const markup = render(schema, {});
    expect(markup).toContain('<p id="t-name-error" class="field-error">Required</p>');
    expect(markup).toContain('aria-describedby="t-name-error" aria-invalid="true"');
  });

  it('an enum (or anyOf of constants) is a select, a const a fixed value', () => {
    const schema = object(
      {
        minutes: {
          anyOf: [
            { type: 'number', const: 60 },
            { type: 'number', const: 1440 },
          ],
        },
        kind: { type: 'string', const: 'image' },
      },
      ['kind'],
    );
    expect(shapeOf((schema.properties as Record<string, JsonSchema>).minutes ?? {})).toEqual({ kind: 'enum', options: [60, 1440] });
    expect(initialValue(schema)).toEqual({ kind: 'image' });
    const markup = render(schema, { kind: 'image' });
    expect(markup).toMatch(/<select id="t-minutes"[^>]*>.*<option value="1">1440<\/option>/);
    expect(markup).toContain('&quot;image&quot;');
    expect(messages(schema, { minutes: 61, kind: 'video' })).toEqual(['minutes: Must be 60', 'kind: Must be "image"']);
  });

  it('arrays of objects get rows with remove buttons, and their items are checked by path', () => {
    const schema = object({ rows: { type: 'array', minItems: 1, items: object({ id: { type: 'string', minLength: 1 } }, ['id']) } }, [
      'rows',
    ]);
    expect(messages(schema, { rows: [] })).toEqual(['rows: Add at least 1 item']);
    expect(messages(schema, { rows: [{ id: 'a' }, {}] })).toEqual(['rows.1.id: Required']);
    const markup = render(schema, { rows: [{ id: 'a' }, {}] });
    expect(markup).toContain('Remove Rows 2');
    expect(markup).toContain('id="t-rows.1.id-error"');
  });

  it('a typed map gets key/value rows; a free-form object falls back to JSON', () => {
    const schema = object({
      metadata: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } },
      block: { type: 'object', additionalProperties: {} },
    });
    expect(typeLabel((schema.properties as Record<string, JsonSchema>).metadata ?? {})).toBe('map of string');
    expect(messages(schema, { metadata: { a: 1 }, block: new Unparsed('{', 'JSON') })).toEqual([
      'metadata.a: Enter text',
      'block: This is not valid JSON',
    ]);
    const markup = render(schema, { metadata: { a: 'x' }, block: { type: 'section' } });
    expect(markup).toContain('Key 1');
    expect(markup).toMatch(/<textarea[^>]*id="t-block"[^>]*>\{\n {2}&quot;type&quot;: &quot;section&quot;\n\}<\/textarea>/);
  });

  it('nullable values take null; variants get a chooser and oneOf needs exactly one match', () => {
    const nullable = object({ from: { default: null, anyOf: [{ type: 'integer' }, { type: 'null' }] } });
    expect(messages(nullable, { from: null })).toEqual([]);
    expect(render(nullable, { from: null })).toContain('From: none (null)');
    const source = {
      oneOf: [
        object({ source: { type: 'string', const: 'URL' }, url: { type: 'string', format: 'uri' } }, ['source', 'url']),
        object({ source: { type: 'string', const: 'FILE' }, data: { type: 'string' } }, ['source', 'data']),
      ],
    };
    const schema = object({ source }, ['source']);
    expect(messages(schema, { source: { source: 'URL', url: 'https://a.test/v.mp4' } })).toEqual([]);
    expect(messages(schema, { source: { source: 'URL' } })).toEqual(['source.url: Required']);
    const markup = render(schema, { source: { source: 'FILE', data: 'x' } });
    expect(markup).toContain('<option value="1" selected="">FILE</option>');
    expect(markup).toContain('id="t-source.data"');
    const either = object({ id: { anyOf: [{ type: 'string', pattern: '^\\d+$' }, { type: 'integer' }] } });
    expect(messages(either, { id: '12' })).toEqual([]);
    expect(messages(either, { id: 'x' })).toEqual(['id: Must match the pattern ^\\d+$']);
  });

  it('says when an action takes no input, and shows a refusal of the whole value', () => {
    expect(render(object({}), {})).toContain('This action takes no input.');
    expect(render(object({ a: { type: 'string' } }), [])).toContain('<p id="t-root-error" class="field-error">Must be an object</p>');
  });
});
