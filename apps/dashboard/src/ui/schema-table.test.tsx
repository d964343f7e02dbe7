import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fieldRows, SchemaTable } from './schema-table.tsx';

describe('fieldRows', () => {
  it('flattens nested objects, lists of objects, nullable objects and variants to dotted names', () => {
    const rows = fieldRows({
      type: 'object',
      required: ['to', 'snippet'],
      properties: {
        to: { type: 'array', items: { type: 'string', format: 'email' }, description: 'Recipients' },
        snippet: {
          type: 'object',
          required: ['title'],
          properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
        },
        rows: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } },
        limit: { type: 'integer', default: 10 },
        source: {
          oneOf: [
            {
              type: 'object',
              required: ['kind'],
              properties: { kind: { type: 'string', const: 'URL' }, url: { type: 'string', format: 'uri' } },
            },
          ],
        },
      },
    });
    expect(rows.map((r) => [r.name, r.type, r.required, r.description])).toEqual([
      ['to', 'array of string (email)', true, 'Recipients'],
      ['snippet', 'object', true, ''],
      ['snippet.title', 'string', true, ''],
      ['snippet.tags', 'array of string', false, ''],
      ['rows', 'array of object', false, ''],
      ['rows[].id', 'integer', false, ''],
      ['limit', 'integer', false, 'Default 10.'],
      ['source', 'object', false, ''],
      ['source<URL>.kind', '"URL"', true, ''],
      ['source<URL>.url', 'string (uri)', false, ''],
    ]);
  });

  it('says when an object has no fields, and shows other roots as JSON', () => {
    expect(renderToStaticMarkup(<SchemaTable schema={{ type: 'object', properties: {} }} caption="ping: input" />)).toContain(
      'ping: input: no fields.',
    );
    expect(renderToStaticMarkup(<SchemaTable schema={{ type: 'string' }} caption="x: output" />)).toContain('x: output (string)');
  });
});
