/**
 * @module What every generated field shares: a stable id from its path, its label with
 * required/optional said in words, its description and its error tied to the control with
 * aria-describedby (and aria-invalid while the error shows).
 */
import { createContext, useContext } from 'react';
import { type FieldPath, pathKey } from './validate.ts';

export interface FormContextValue {
  idPrefix: string;
  /** First message per field path (see `issuesByField`). */
  errors: ReadonlyMap<string, string>;
}

export const FormContext = createContext<FormContextValue>({ idPrefix: 'f', errors: new Map() });

export interface FieldIds {
  id: string;
  hintId: string;
  errorId: string;
  error: string | undefined;
  /** Spread on the control: ties hint and error to it. */
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };
}

export function useFieldIds(path: FieldPath, hasHint: boolean): FieldIds {
  const { idPrefix, errors } = useContext(FormContext);
  const key = pathKey(path);
  const id = `${idPrefix}-${key.replace(/[^\w.-]/g, '_') || 'root'}`;
  const error = errors.get(key);
  const describedBy = [hasHint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    id,
    hintId: `${id}-hint`,
    errorId: `${id}-error`,
    error,
    control: { id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(error ? { 'aria-invalid': true } : {}) },
  };
}

export function RequiredMark({ required }: { required: boolean }) {
  return <span className="field-req">{required ? ' (required)' : ' (optional)'}</span>;
}

export function Hint({ ids, text }: { ids: FieldIds; text: string | undefined }) {
  return text ? (
    <p id={ids.hintId} className="field-hint">
      {text}
    </p>
  ) : null;
}

export function FieldError({ ids }: { ids: FieldIds }) {
  return ids.error ? (
    <p id={ids.errorId} className="field-error">
      {ids.error}
    </p>
  ) : null;
}

/** A single control with its label above, hint and error below. */
export function FieldFrame({
  ids,
  label,
  required,
  description,
  children,
}: {
  ids: FieldIds;
  label: string;
  required: boolean;
  description: string | undefined;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={ids.id} className="field-label">
        {label}
        <RequiredMark required={required} />
      </label>
      {children}
      <Hint ids={ids} text={description} />
      <FieldError ids={ids} />
    </div>
  );
}
