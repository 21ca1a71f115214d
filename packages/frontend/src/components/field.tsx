import { useId, type ComponentProps, type ReactNode } from 'react';

/** A text input's or select's look, red while what it holds is wrong. */
export function inputClasses(invalid: boolean): string {
  return `mt-1.5 block min-h-11 w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:outline-none focus:ring-inset ${
    invalid ? 'ring-rose-400 focus:ring-rose-600' : 'ring-slate-300 focus:ring-indigo-600'
  }`;
}

/** The ids of a field's hint and error, as its accessible description names them. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const parts = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  className: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      {/* Above the input, so it is read before typing. */}
      {hint && (
        <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {children}
      {/* Always rendered, so an error appearing does not push the form down. */}
      <p id={`${id}-error`} className="mt-1 min-h-5 text-sm text-rose-700">
        {error}
      </p>
    </div>
  );
}

/** A labelled input whose hint and error, when it has them, are its accessible description. */
export function Field({
  label,
  hint,
  error,
  className = '',
  ...input
}: ComponentProps<'input'> & { label: string; hint?: string; error?: string | undefined }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={inputClasses(Boolean(error))}
        {...input}
      />
    </FieldFrame>
  );
}

/** A labelled select, described by its error as a `Field` is. */
export function SelectField({
  label,
  error,
  className = '',
  children,
  ...select
}: ComponentProps<'select'> & { label: string; error?: string | undefined }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} className={className}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, undefined, error)}
        className={inputClasses(Boolean(error))}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}
