/**
 * @module The JSON Schema constructs the form knows, each with what it does about it. The
 * catalog test walks every installed action's input and fails on a construct not listed here,
 * so a connector that starts using a new keyword gets a control (or a decision) before a
 * person meets a form that silently ignores part of its schema.
 */
import { type JsonSchema, shapeOf, variantsOf } from './json-schema.ts';

export const HANDLED_CONSTRUCTS = {
  'shape:string': 'text input',
  'shape:number': 'number input, decimals allowed',
  'shape:integer': 'number input, whole numbers checked',
  'shape:boolean': 'checkbox',
  'shape:enum': 'select (also anyOf of constants)',
  'shape:const': 'shown as a fixed value and sent as is',
  'shape:array-of-scalars': 'rows with add / remove',
  'shape:array-of-objects': 'groups with add / remove',
  'shape:object': 'a group of fields (optional ones can be left out)',
  'shape:map': 'key / value rows (additionalProperties with a schema)',
  'shape:nullable': 'the field plus a "none (null)" checkbox',
  'shape:variant': 'a chooser between the anyOf / oneOf forms',
  'shape:json': 'raw JSON text area, parsed before sending',
  'keyword:type': 'picks the control',
  'keyword:properties': 'one field each',
  'keyword:required': 'marked "(required)", checked',
  'keyword:description': 'hint under the field',
  'keyword:default': 'initial value',
  'keyword:$schema': 'ignored (dialect marker)',
  'keyword:minLength': 'checked',
  'keyword:maxLength': 'checked; long fields get a text area',
  'keyword:pattern': 'checked',
  'keyword:format': 'input type and check (see format:*)',
  'keyword:minimum': 'checked',
  'keyword:maximum': 'checked',
  'keyword:exclusiveMinimum': 'checked',
  'keyword:items': 'the row schema',
  'keyword:minItems': 'checked',
  'keyword:maxItems': 'checked',
  'keyword:enum': 'select',
  'keyword:const': 'fixed value',
  'keyword:anyOf': 'nullable, enum of constants or variant chooser',
  'keyword:oneOf': 'variant chooser; exactly one must match',
  'keyword:additionalProperties': 'map rows, JSON, or checked extra keys',
  'keyword:propertyNames': 'ignored: zod only says keys are strings, which JSON keys are',
  'keyword:contentEncoding': 'text area; the base64 pattern beside it is checked',
  'format:email': 'email input, checked',
  'format:uri': 'url input, checked as a URL',
  'format:date': 'date input, checked',
  'format:date-time': 'date-time input in the browser zone, sent as ISO',
  'format:base64': 'text area, checked by its pattern',
  'format:starts_with': 'checked by its pattern (zod startsWith)',
} as const;

export type Construct = keyof typeof HANDLED_CONSTRUCTS;

/** The constructs one schema uses, as `shape:…`, `keyword:…` and `format:…` names. */
export function constructsOf(schema: JsonSchema, into: Set<string> = new Set()): Set<string> {
  for (const keyword of Object.keys(schema)) into.add(`keyword:${keyword}`);
  if (typeof schema.format === 'string') into.add(`format:${schema.format}`);
  const shape = shapeOf(schema);
  if (shape.kind === 'number') into.add(shape.integer ? 'shape:integer' : 'shape:number');
  else if (shape.kind === 'array') into.add(shapeOf(shape.items).kind === 'object' ? 'shape:array-of-objects' : 'shape:array-of-scalars');
  else into.add(`shape:${shape.kind}`);
  const children: unknown[] = [...variantsOf(schema), schema.items, schema.additionalProperties];
  if (typeof schema.properties === 'object' && schema.properties !== null) children.push(...Object.values(schema.properties));
  for (const child of children)
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) constructsOf(child as JsonSchema, into);
  return into;
}
