import { useId, type ComponentProps } from 'react';

export const inputClasses = (invalid: boolean) =>
  `mt-1.5 block min-h-11 w-full rounded-lg border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:outline-none focus:ring-inset ${
    invalid ? 'ring-rose-400 focus:ring-rose-600' : 'ring-slate-300 focus:ring-indigo-600'
  }`;

/** A labelled input whose error, when it has one, is its accessible description. */
export function Field({
  label,
  error,
  className = '',
  ...input
}: ComponentProps<'input'> & { label: string; error?: string | undefined }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={inputClasses(Boolean(error))}
        {...input}
      />
      <p id={errorId} className="mt-1 min-h-5 text-sm text-rose-700">
        {error}
      </p>
    </div>
  );
}
