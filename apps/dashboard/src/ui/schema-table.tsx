/**
 * @module A JSON Schema as a field table (name, type, required, description): nested objects
 * and lists of objects flatten to dotted names (`snippet.title`, `rows[].id`), variants to one
 * block per form, so an action's input and output read at a glance without parsing JSON.
 */
import { descriptionOf, humanize, type JsonSchema, shapeOf, typeLabel, variantLabel } from '../forms/json-schema.ts';
import { JsonBlock } from './json-block.tsx';

export interface FieldRow {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

/** Rows for the properties of an object schema (and of the objects inside it). */
export function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const shape = shapeOf(schema);
  if (shape.kind === 'variant')
    return shape.variants.flatMap((variant, i) => {
      return fieldRows(variant, `${prefix}<${variantLabel(variant, i)}>`);
    });
  if (shape.kind !== 'object') return [];
  return shape.properties.flatMap(([key, child]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const defaults = 'default' in child ? ` Default ${JSON.stringify(child.default)}.` : '';
    const row = {
      name,
      type: typeLabel(child),
      required: shape.required.has(key),
      description: `${descriptionOf(child) ?? ''}${defaults}`.trim(),
    };
    const inner = shapeOf(child);
    const nested =
      inner.kind === 'array'
        ? fieldRows(inner.items, `${name}[]`)
        : inner.kind === 'nullable'
          ? fieldRows(inner.inner, name)
          : fieldRows(child, name);
    return [row, ...nested];
  });
}

export function SchemaTable({ schema, caption }: { schema: JsonSchema; caption: string }) {
  const rows = fieldRows(schema);
  if (rows.length === 0) {
    const shape = shapeOf(schema);
    if (shape.kind === 'object') return <p className="muted">{caption}: no fields.</p>;
    return <JsonBlock label={`${caption} (${typeLabel(schema)})`} value={schema} />;
  }
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls, and a scrollable region must take focus (WCAG 2.1.1).
    <section className="table-wrap" tabIndex={0} aria-label={caption}>
      <table className="schema-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name}>
              <th scope="row">
                <code>{row.name}</code>
              </th>
              <td>{row.type}</td>
              <td>{row.required ? 'required' : 'optional'}</td>
              <td>{row.description || <span className="muted">{humanize(row.name.split('.').pop() ?? row.name)}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
