/**
 * @module The form's own check of a value against its JSON Schema, before anything is sent: each
 * issue carries the field path it belongs beside. The server's zod schema stays the authority;
 * the catalog test holds this check to the same verdict on every installed action's input.
 */
import { type JsonSchema, shapeOf, Unparsed, variantsOf } from './json-schema.ts';

export type FieldPath = readonly (string | number)[];
export interface Issue {
  path: FieldPath;
  message: string;
}

/** The key a path's messages are filed under (also the tail of its control's id). */
export const pathKey = (path: FieldPath): string => path.join('.');

// Formats checked here; others (base64, starts_with) are covered by the pattern zod puts beside them.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FORMAT_CHECKS: Record<string, (value: string) => string | undefined> = {
  email: (v) => (EMAIL.test(v) ? undefined : 'Enter an email address, like name@example.com'),
  uri: (v) => (URL.canParse(v) ? undefined : 'Enter a full URL, like https://example.com/page'),
  'date-time': (v) => (/^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) ? undefined : 'Enter a date and time'),
  date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? undefined : 'Enter a date as YYYY-MM-DD'),
};

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Every problem with `value` against `schema`; an empty list means the form may be sent. */
export function validate(schema: JsonSchema, value: unknown, path: FieldPath = []): Issue[] {
  if (value instanceof Unparsed) return [{ path, message: value.expected === 'number' ? 'Enter a number' : 'This is not valid JSON' }];
  const variants = variantsOf(schema);
  if (variants.length > 0) {
    const results = variants.map((v) => validate(v, value, path));
    const matching = results.filter((r) => r.length === 0).length;
    if (Array.isArray(schema.oneOf) ? matching === 1 : matching > 0) return [];
    // The issues of the closest variant say more than "matches none".
    const closest = results.reduce((best, r) => (r.length < best.length ? r : best));
    return matching > 1 ? [{ path, message: 'This matches more than one of the allowed forms' }] : closest;
  }
  const issues: Issue[] = [];
  const shape = shapeOf(schema);
  const add = (message: string) => issues.push({ path, message });
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) add(`Must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((o) => JSON.stringify(o) === JSON.stringify(value)))
    add(value === undefined ? 'Choose a value' : `Choose one of ${schema.enum.map((o) => JSON.stringify(o)).join(', ')}`);
  if (issues.length > 0) return issues;
  if (shape.kind === 'nullable' && value === null) return [];
  const type = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (type.includes('null') && value === null) return [];
  if (type.includes('string')) {
    if (typeof value !== 'string') return [{ path, message: 'Enter text' }];
    const length = [...value].length;
    const min = num(schema.minLength);
    const max = num(schema.maxLength);
    if (min !== undefined && length < min) add(min === 1 ? 'Required: enter a value' : `Enter at least ${plural(min, 'character')}`);
    if (max !== undefined && length > max) add(`Enter at most ${plural(max, 'character')}`);
    const format = typeof schema.format === 'string' ? FORMAT_CHECKS[schema.format] : undefined;
    const formatIssue = format?.(value);
    if (formatIssue) add(formatIssue);
    else if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
      add(schema.format === 'base64' ? 'Enter base64 data' : `Must match the pattern ${schema.pattern}`);
  } else if (type.includes('number') || type.includes('integer')) {
    if (typeof value !== 'number' || !Number.isFinite(value)) return [{ path, message: 'Enter a number' }];
    if (type.includes('integer') && !type.includes('number') && !Number.isInteger(value)) add('Enter a whole number');
    const [min, max, xmin, xmax] = [num(schema.minimum), num(schema.maximum), num(schema.exclusiveMinimum), num(schema.exclusiveMaximum)];
    if (min !== undefined && value < min) add(`Must be at least ${min}`);
    if (max !== undefined && value > max) add(`Must be at most ${max}`);
    if (xmin !== undefined && value <= xmin) add(`Must be more than ${xmin}`);
    if (xmax !== undefined && value >= xmax) add(`Must be less than ${xmax}`);
  } else if (type.includes('boolean')) {
    if (typeof value !== 'boolean') add('Choose yes or no');
  } else if (type.includes('array')) {
    if (!Array.isArray(value)) return [{ path, message: 'Must be a list' }];
    const [min, max] = [num(schema.minItems), num(schema.maxItems)];
    if (min !== undefined && value.length < min) add(`Add at least ${plural(min, 'item')}`);
    if (max !== undefined && value.length > max) add(`At most ${plural(max, 'item')}`);
    const items = schema.items;
    if (typeof items === 'object' && items !== null)
      for (const [i, item] of value.entries()) issues.push(...validate(items as JsonSchema, item, [...path, i]));
  } else if (type.includes('object')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path, message: 'Must be an object' }];
    issues.push(...validateObject(schema, value as Record<string, unknown>, path));
  } else if (type.includes('null') && value !== null) {
    add('Must be null');
  }
  return issues;
}

function validateObject(schema: JsonSchema, value: Record<string, unknown>, path: FieldPath): Issue[] {
  const issues: Issue[] = [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  for (const key of required) if (value[key] === undefined) issues.push({ path: [...path, key], message: 'Required' });
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    const own = properties[key];
    if (own) issues.push(...validate(own, child, [...path, key]));
    else if (schema.additionalProperties === false) issues.push({ path: [...path, key], message: `Unknown field ${key}` });
    else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null)
      issues.push(...validate(schema.additionalProperties as JsonSchema, child, [...path, key]));
  }
  return issues;
}

/** Issues by field, the first message of each (what shows beside the control). */
export function issuesByField(issues: readonly Issue[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const issue of issues) if (!byField.has(pathKey(issue.path))) byField.set(pathKey(issue.path), issue.message);
  return byField;
}
