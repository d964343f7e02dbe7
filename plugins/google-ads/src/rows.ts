/**
 * @module GAQL rows as flat records. The REST API nests each row by resource
 * (`{ campaign: { id, name }, metrics: { costMicros } }`); callers wrote the query with dotted
 * snake_case names (`campaign.id`, `metrics.cost_micros`), so each row comes back keyed by exactly
 * those names. int64 values stay strings, as the API sends them, so no precision is lost.
 */

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function flattenInto(out: Record<string, unknown>, prefix: string, value: unknown): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flattenInto(out, prefix ? `${prefix}.${snake(key)}` : snake(key), inner);
    return;
  }
  out[prefix] = value;
}

/** `{ campaign: { resourceName, id } }` → `{ 'campaign.resource_name': …, 'campaign.id': … }`. */
export function flattenRow(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  flattenInto(out, '', row);
  return out;
}

/** The response's `fieldMask` (`campaign.id,metrics.costMicros`) as the query's field names. */
export const fieldsOf = (fieldMask: string | undefined): string[] =>
  fieldMask ? fieldMask.split(',').map((f) => f.trim().split('.').map(snake).join('.')) : [];
