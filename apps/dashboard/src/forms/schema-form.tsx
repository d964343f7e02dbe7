/**
 * @module A form generated from a JSON Schema (an action's input): controlled, so the page owns
 * the value and decides when messages show (after a first send, not while typing the first
 * character). `validate` from validate.ts gives the messages; `issuesByField` files them by field.
 */
import { FormContext } from './field-frame.tsx';
import { type JsonSchema, shapeOf } from './json-schema.ts';
import { ObjectFields, SchemaField } from './schema-field.tsx';

export interface SchemaFormProps {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  /** First message per field path; empty while messages are not to show. */
  errors: ReadonlyMap<string, string>;
  /** Prefix of every control id, unique in the page. */
  idPrefix: string;
}

export function SchemaForm({ schema, value, onChange, errors, idPrefix }: SchemaFormProps) {
  const shape = shapeOf(schema);
  return (
    <FormContext.Provider value={{ idPrefix, errors }}>
      <div className="schema-form">
        {shape.kind === 'object' && errors.get('') ? (
          <p id={`${idPrefix}-root-error`} className="field-error">
            {errors.get('')}
          </p>
        ) : null}
        {shape.kind === 'object' ? (
          shape.properties.length === 0 ? (
            <p className="muted">This action takes no input.</p>
          ) : (
            <ObjectFields value={value} onChange={onChange} path={[]} properties={shape.properties} requiredKeys={shape.required} />
          )
        ) : (
          <SchemaField schema={schema} value={value} onChange={onChange} path={[]} label="Input" required />
        )}
      </div>
    </FormContext.Provider>
  );
}
