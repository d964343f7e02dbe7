/**
 * @module One field per schema node, chosen by its shape (json-schema.ts), recursing through
 * objects, lists, maps, nullable values and variants (oneOf/anyOf, with a chooser).
 */
import { useState } from 'react';
import { FieldError, Hint, RequiredMark, useFieldIds } from './field-frame.tsx';
import { descriptionOf, humanize, initialValue, type JsonSchema, shapeOf, variantLabel } from './json-schema.ts';
import { BooleanField, ConstField, EnumField, JsonField, NumberField, StringField } from './scalar-fields.tsx';
import { type FieldPath, validate } from './validate.ts';

export interface FieldProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  path: FieldPath;
  label: string;
  required: boolean;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function SchemaField(props: FieldProps) {
  const { schema, path } = props;
  const shape = shapeOf(schema);
  const ids = useFieldIds(path, descriptionOf(schema) !== undefined || shape.kind === 'json' || shape.kind === 'const');
  const scalar = { ...props, ids };
  switch (shape.kind) {
    case 'string':
      return <StringField {...scalar} />;
    case 'number':
      return <NumberField {...scalar} integer={shape.integer} />;
    case 'boolean':
      return <BooleanField {...scalar} />;
    case 'enum':
      return <EnumField {...scalar} options={shape.options} />;
    case 'const':
      return <ConstField {...scalar} />;
    case 'json':
      return <JsonField {...scalar} />;
    case 'object':
      return <ObjectField {...props} properties={shape.properties} requiredKeys={shape.required} />;
    case 'array':
      return <ArrayField {...props} items={shape.items} />;
    case 'map':
      return <MapField {...props} values={shape.values} />;
    case 'nullable':
      return <NullableField {...props} inner={shape.inner} />;
    case 'variant':
      return <VariantField {...props} variants={shape.variants} />;
  }
}

/** A labelled group (fieldset) with its hint and error, for fields made of fields. */
function Group({ props, children, actions }: { props: FieldProps; children: React.ReactNode; actions?: React.ReactNode }) {
  const text = descriptionOf(props.schema);
  const ids = useFieldIds(props.path, text !== undefined);
  return (
    <fieldset id={ids.id} className="field-group" aria-describedby={ids.control['aria-describedby']}>
      <legend>
        {props.label}
        <RequiredMark required={props.required} />
      </legend>
      <Hint ids={ids} text={text} />
      <FieldError ids={ids} />
      {children}
      {actions}
    </fieldset>
  );
}

/** The properties of an object; the root object is drawn bare, nested ones as a group. */
export function ObjectFields({
  value,
  onChange,
  path,
  properties,
  requiredKeys,
}: Pick<FieldProps, 'value' | 'onChange' | 'path'> & { properties: readonly [string, JsonSchema][]; requiredKeys: ReadonlySet<string> }) {
  const record = asRecord(value);
  const set = (key: string, next: unknown) => {
    const copy = { ...record };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
    onChange(copy);
  };
  return properties.map(([key, child]) => (
    <SchemaField
      key={key}
      schema={child}
      value={record[key]}
      onChange={(next) => set(key, next)}
      path={[...path, key]}
      label={typeof child.title === 'string' ? child.title : humanize(key)}
      required={requiredKeys.has(key)}
    />
  ));
}

function ObjectField(props: FieldProps & { properties: readonly [string, JsonSchema][]; requiredKeys: ReadonlySet<string> }) {
  const { value, onChange, required, label, schema } = props;
  if (value === undefined && !required)
    return (
      <Group
        props={props}
        actions={
          <button type="button" onClick={() => onChange(initialValue(schema))}>
            Add {label.toLowerCase()}
          </button>
        }
      >
        {null}
      </Group>
    );
  return (
    <Group
      props={props}
      actions={
        required ? null : (
          <button type="button" onClick={() => onChange(undefined)}>
            Leave out {label.toLowerCase()}
          </button>
        )
      }
    >
      <ObjectFields {...props} />
    </Group>
  );
}

function ArrayField(props: FieldProps & { items: JsonSchema }) {
  const { value, onChange, path, label, items } = props;
  const rows = Array.isArray(value) ? value : [];
  const set = (next: unknown[]) => onChange(next.length === 0 && !props.required ? undefined : next);
  return (
    <Group
      props={props}
      actions={
        <button type="button" onClick={() => set([...rows, initialValue(items)])}>
          Add an item to {label}
        </button>
      }
    >
      {rows.length === 0 ? <p className="muted">None yet.</p> : null}
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place; fields re-read their value.
        <div className="field-row" key={i}>
          <SchemaField
            schema={items}
            value={row}
            onChange={(next) => set(rows.map((r, j) => (j === i ? next : r)))}
            path={[...path, i]}
            label={`${label} ${i + 1}`}
            required
          />
          <button type="button" className="danger" onClick={() => set(rows.filter((_, j) => j !== i))}>
            Remove {label} {i + 1}
          </button>
        </div>
      ))}
    </Group>
  );
}

/** Free keys with typed values (metadata): one row per entry. */
function MapField(props: FieldProps & { values: JsonSchema }) {
  const { value, onChange, path, label, values } = props;
  const entries = Object.entries(asRecord(value));
  const set = (next: [string, unknown][]) => onChange(next.length === 0 && !props.required ? undefined : Object.fromEntries(next));
  const ids = useFieldIds(path, false);
  return (
    <Group
      props={props}
      actions={
        <button type="button" onClick={() => set([...entries, [`key${entries.length + 1}`, initialValue(values)]])}>
          Add an entry to {label}
        </button>
      }
    >
      {entries.map(([key, entry], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a key being renamed must keep its row.
        <div className="field-row" key={i}>
          <div className="field">
            <label htmlFor={`${ids.id}-key-${i}`}>Key {i + 1}</label>
            <input
              id={`${ids.id}-key-${i}`}
              value={key}
              onChange={(e) => set(entries.map((en, j) => (j === i ? [e.target.value, en[1]] : en)))}
            />
          </div>
          <SchemaField
            schema={values}
            value={entry}
            onChange={(next) => set(entries.map((en, j) => (j === i ? [en[0], next] : en)))}
            path={[...path, key]}
            label={`Value ${i + 1}`}
            required
          />
          <button type="button" className="danger" onClick={() => set(entries.filter((_, j) => j !== i))}>
            Remove entry {i + 1}
          </button>
        </div>
      ))}
    </Group>
  );
}

function NullableField(props: FieldProps & { inner: JsonSchema }) {
  const { value, onChange, inner, path, label } = props;
  const ids = useFieldIds([...path, '(null)'], false);
  const isNull = value === null;
  return (
    <div className="field-nullable">
      {isNull ? null : <SchemaField {...props} schema={{ ...inner, description: descriptionOf(props.schema) ?? inner.description }} />}
      <div className="field field-check">
        <input id={ids.id} type="checkbox" checked={isNull} onChange={(e) => onChange(e.target.checked ? null : initialValue(inner))} />
        <label htmlFor={ids.id}>{label}: none (null)</label>
      </div>
    </div>
  );
}

function VariantField(props: FieldProps & { variants: readonly JsonSchema[] }) {
  const { value, onChange, path, label, variants, required } = props;
  const [chosen, setChosen] = useState(() =>
    Math.max(
      0,
      variants.findIndex((v) => validate(v, value).length === 0),
    ),
  );
  const text = descriptionOf(props.schema);
  const groupIds = useFieldIds(path, text !== undefined);
  const ids = useFieldIds([...path, '(variant)'], false);
  const variant = variants[chosen] ?? {};
  const shape = shapeOf(variant);
  return (
    <fieldset id={groupIds.id} className="field-group" aria-describedby={groupIds.control['aria-describedby']}>
      <legend>
        {label}
        <RequiredMark required={required} />
      </legend>
      <Hint ids={groupIds} text={text} />
      <div className="field">
        <label htmlFor={ids.id}>Kind of {label.toLowerCase()}</label>
        <select
          id={ids.id}
          value={String(chosen)}
          onChange={(e) => {
            const next = Number(e.target.value);
            setChosen(next);
            onChange(initialValue(variants[next] ?? {}));
          }}
        >
          {variants.map((v, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a schema's variants never reorder, and two may share a label.
            <option key={i} value={String(i)}>
              {variantLabel(v, i)}
            </option>
          ))}
        </select>
      </div>
      {/* An object variant's fields sit in this group; another kind is one field that carries the error itself. */}
      {shape.kind === 'object' ? (
        <>
          <FieldError ids={groupIds} />
          <ObjectFields
            key={chosen}
            value={value}
            onChange={onChange}
            path={path}
            properties={shape.properties}
            requiredKeys={shape.required}
          />
        </>
      ) : (
        <SchemaField
          key={chosen}
          {...props}
          schema={{ ...variant, description: undefined }}
          label={`${label} (${variantLabel(variant, chosen)})`}
        />
      )}
    </fieldset>
  );
}
