/**
 * @module Controls for single values: text (typed by format), numbers, yes/no, a choice from a
 * list, a fixed value, and raw JSON for what the form has no control for. Half-typed numbers
 * and broken JSON stay in the field as `Unparsed`, so the validator can name them.
 */
import { useState } from 'react';
import { localInputToIso } from '../time.ts';
import { FieldError, FieldFrame, type FieldIds, Hint, RequiredMark } from './field-frame.tsx';
import { descriptionOf, type JsonSchema, Unparsed } from './json-schema.ts';

export interface ScalarProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  ids: FieldIds;
  label: string;
  required: boolean;
}

const INPUT_TYPES: Record<string, string> = { email: 'email', uri: 'url', date: 'date', 'date-time': 'datetime-local' };

/** An ISO instant as a `datetime-local` value in the viewer's zone. */
function isoToLocalInput(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

export function StringField({ schema, value, onChange, ids, label, required }: ScalarProps) {
  const format = typeof schema.format === 'string' ? schema.format : '';
  const text = typeof value === 'string' ? value : '';
  // An emptied optional field is left out of the input, not sent as "".
  const set = (next: string) => onChange(next === '' && !required ? undefined : next);
  const long = format === 'base64' || (typeof schema.maxLength === 'number' && schema.maxLength > 500);
  let control: React.ReactNode;
  if (long) control = <textarea {...ids.control} rows={3} value={text} onChange={(e) => set(e.target.value)} />;
  else if (format === 'date-time')
    control = (
      <input
        {...ids.control}
        type="datetime-local"
        step={1}
        value={text ? isoToLocalInput(text) : ''}
        onChange={(e) => set(localInputToIso(e.target.value) ?? e.target.value)}
      />
    );
  else control = <input {...ids.control} type={INPUT_TYPES[format] ?? 'text'} value={text} onChange={(e) => set(e.target.value)} />;
  return (
    <FieldFrame ids={ids} label={label} required={required} description={descriptionOf(schema)}>
      {control}
    </FieldFrame>
  );
}

export function NumberField({ schema, value, onChange, ids, label, required, integer }: ScalarProps & { integer: boolean }) {
  const [text, setText] = useState('');
  // The typed text is kept while it still means the value ("1." while typing 1.5); a value set from
  // outside (a removed row, a reset) shows as itself.
  const shown =
    value instanceof Unparsed
      ? value.text
      : typeof value === 'number'
        ? Number(text.trim()) === value
          ? text
          : String(value)
        : text.trim() === ''
          ? text
          : '';
  const set = (next: string) => {
    setText(next);
    const trimmed = next.trim();
    if (trimmed === '') return onChange(undefined);
    const parsed = Number(trimmed);
    onChange(Number.isFinite(parsed) ? parsed : new Unparsed(next, 'number'));
  };
  return (
    <FieldFrame ids={ids} label={label} required={required} description={descriptionOf(schema)}>
      <input {...ids.control} type="text" inputMode={integer ? 'numeric' : 'decimal'} value={shown} onChange={(e) => set(e.target.value)} />
    </FieldFrame>
  );
}

export function BooleanField({ schema, value, onChange, ids, label, required }: ScalarProps) {
  return (
    <div className="field field-check">
      <input {...ids.control} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={ids.id}>
        {label}
        <RequiredMark required={required} />
      </label>
      <Hint ids={ids} text={descriptionOf(schema)} />
      <FieldError ids={ids} />
    </div>
  );
}

export function EnumField({ schema, value, onChange, ids, label, required, options }: ScalarProps & { options: readonly unknown[] }) {
  // Options are picked by position: enum members may be numbers or strings alike.
  const index = options.findIndex((o) => JSON.stringify(o) === JSON.stringify(value));
  return (
    <FieldFrame ids={ids} label={label} required={required} description={descriptionOf(schema)}>
      <select
        {...ids.control}
        value={index < 0 ? '' : String(index)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : options[Number(e.target.value)])}
      >
        <option value="">{required ? 'Choose…' : 'Not set'}</option>
        {options.map((option, i) => (
          <option key={JSON.stringify(option)} value={String(i)}>
            {typeof option === 'string' ? option : JSON.stringify(option)}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function ConstField({ schema, ids, label }: ScalarProps) {
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <output id={ids.id} className="field-const">
        {JSON.stringify(schema.const)}
      </output>
      <Hint ids={ids} text={descriptionOf(schema) ?? 'Fixed by the action'} />
    </div>
  );
}

/** Raw JSON for anything without a control of its own (free-form objects, untyped values). */
export function JsonField({ schema, value, onChange, ids, label, required }: ScalarProps) {
  const [text, setText] = useState('');
  const shown =
    value instanceof Unparsed ? value.text : sameJson(text, value) ? text : value === undefined ? '' : JSON.stringify(value, null, 2);
  const set = (next: string) => {
    setText(next);
    if (next.trim() === '') return onChange(undefined);
    try {
      onChange(JSON.parse(next));
    } catch {
      onChange(new Unparsed(next, 'JSON'));
    }
  };
  const hint = [descriptionOf(schema), 'Enter JSON.'].filter(Boolean).join(' ');
  return (
    <FieldFrame ids={ids} label={label} required={required} description={hint}>
      <textarea {...ids.control} className="json-input" rows={4} spellCheck={false} value={shown} onChange={(e) => set(e.target.value)} />
    </FieldFrame>
  );
}

function sameJson(text: string, value: unknown): boolean {
  if (text.trim() === '') return value === undefined;
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
