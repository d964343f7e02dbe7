/**
 * @module Form fields generated from a connector's JSON Schema (connection parameters, pasted
 * credentials) and the way back: form values to the object the connector's zod schema checks,
 * and its issues to messages beside the fields. Every control has a label; hints and errors are
 * tied to their control with aria-describedby.
 */
import type { z } from 'zod';
import { escapeHtml } from '../html-escape.ts';

interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  title?: string;
  description?: string;
  writeOnly?: boolean;
  format?: string;
  default?: unknown;
}

export interface FormSection {
  /** Form names are `<prefix>.<key>` so params and credentials never collide. */
  prefix: 'params' | 'credentials';
  schema: Record<string, unknown> | undefined;
  /** Values to show again after a refused submit; never a secret's. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Re-rendered after a submit: what was sent is shown, not the defaults. */
  submitted?: boolean | undefined;
}

const properties = (schema: Record<string, unknown> | undefined): [string, PropertySchema][] =>
  schema && typeof schema.properties === 'object' && schema.properties !== null
    ? Object.entries(schema.properties as Record<string, PropertySchema>)
    : [];

const requiredKeys = (schema: Record<string, unknown> | undefined): string[] =>
  Array.isArray(schema?.required) ? (schema.required as string[]) : [];

const typeOf = (p: PropertySchema) => (Array.isArray(p.type) ? p.type.find((t) => t !== 'null') : p.type);

// Credential schemas carry no secrecy flag, so names decide; `writeOnly`/`format: password` win when present.
// Identifiers of a secret are not secret themselves (Twilio's `apiKeySid`, a `keyId`).
const SECRET_NAME = /secret|password|passwd|token|key|private|credential/i;
const IDENTIFIER_NAME = /(sid|id)$/i;

/** Whether a credential field is masked and never shown back. */
export const isSecretField = (prefix: FormSection['prefix'], key: string, p: PropertySchema | undefined) =>
  prefix === 'credentials' && (p?.writeOnly === true || p?.format === 'password' || (SECRET_NAME.test(key) && !IDENTIFIER_NAME.test(key)));

/** `loginCustomerId` → "Login customer id". */
const humanize = (key: string) => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The number of fields a schema asks for. */
export const fieldCount = (schema: Record<string, unknown> | undefined) => properties(schema).length;

/** The controls of one section. */
export function renderFields(section: FormSection): string {
  const required = requiredKeys(section.schema);
  return properties(section.schema)
    .map(([key, p]) => {
      const name = `${section.prefix}.${key}`;
      const id = `f-${section.prefix}-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      const isRequired = required.includes(key);
      const error = section.errors[key];
      const described = [p.description ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
      const aria = `${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}${isRequired ? ' required' : ''}`;
      const label = `<label for="${id}">${escapeHtml(p.title ?? humanize(key))}${isRequired ? '' : ' (optional)'}</label>`;
      const hint = p.description ? `<p class="hint" id="${id}-hint">${escapeHtml(p.description)}</p>` : '';
      // A first render shows the schema's default (SMTP's port 587); a re-render shows what was sent.
      const fallback = section.submitted || p.default === undefined ? '' : String(p.default);
      const shown = isSecretField(section.prefix, key, p) ? '' : (section.values[key] ?? fallback);
      let control: string;
      if (Array.isArray(p.enum)) {
        const options = p.enum
          .map((v) => String(v))
          .map((v) => `<option value="${escapeHtml(v)}"${v === shown ? ' selected' : ''}>${escapeHtml(v)}</option>`)
          .join('');
        control = `<select id="${id}" name="${escapeHtml(name)}"${aria}>${isRequired ? '' : '<option value=""></option>'}${options}</select>`;
      } else if (typeOf(p) === 'boolean') {
        // A checkbox sends nothing when unchecked: read as false, so it is never "required".
        const checked = shown === 'on' || shown === 'true' ? ' checked' : '';
        const box = `<input type="checkbox" id="${id}" name="${escapeHtml(name)}"${checked}${described ? ` aria-describedby="${described}"` : ''}>`;
        return `<label class="choice" for="${id}">${box} ${escapeHtml(p.title ?? humanize(key))}</label>${hint}${fieldError(id, error)}`;
      } else if (typeOf(p) === 'object' || typeOf(p) === 'array') {
        // Pasted JSON (a service-account key file): a textarea, sent back never when secret.
        control = `<textarea id="${id}" name="${escapeHtml(name)}" rows="6" autocomplete="off" spellcheck="false"${aria}>${escapeHtml(shown)}</textarea>`;
      } else {
        const type = isSecretField(section.prefix, key, p)
          ? 'password'
          : typeOf(p) === 'number' || typeOf(p) === 'integer'
            ? 'number'
            : 'text';
        const extra = type === 'password' ? ' autocomplete="off"' : ' autocomplete="off" spellcheck="false"';
        control = `<input type="${type}" id="${id}" name="${escapeHtml(name)}" value="${escapeHtml(shown)}"${extra}${aria}>`;
      }
      return `${label}${hint}${control}${fieldError(id, error)}`;
    })
    .join('');
}

const fieldError = (id: string, error: string | undefined) =>
  error ? `<p class="field-error" id="${id}-error">${escapeHtml(error)}</p>` : '';

/** The raw strings a form sent for one section (`params.shop` → `{ shop }`). */
export function sectionValues(form: Record<string, unknown>, prefix: FormSection['prefix']): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith(`${prefix}.`) && typeof value === 'string') values[name.slice(prefix.length + 1)] = value;
  }
  return values;
}

/** Pasted JSON, or the text itself when it is not JSON (the schema then says what it expected). */
function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Form strings to the JSON the schema describes: numbers and booleans converted, empty optional fields left out. */
export function toSchemaInput(schema: Record<string, unknown> | undefined, values: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, p] of properties(schema)) {
    const raw = values[key];
    const type = typeOf(p);
    if (type === 'boolean') {
      input[key] = raw === 'on' || raw === 'true';
      continue;
    }
    if (raw === undefined || raw.trim() === '') continue;
    if (type === 'object' || type === 'array') {
      input[key] = parseJson(raw);
      continue;
    }
    input[key] = (type === 'number' || type === 'integer') && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return input;
}

/**
 * The first message per top-level field of a failed parse (a missing value reads "Required");
 * a check of the whole object with no path is under the key "" (shown above the form).
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], input: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (errors[key] !== undefined) continue;
    errors[key] = key && issue.code === 'invalid_type' && input[key] === undefined ? 'Required' : issue.message;
  }
  return errors;
}
